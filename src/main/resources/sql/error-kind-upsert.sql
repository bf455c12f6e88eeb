-- one error of a kind (ErrorKinds): counted, last seen and its sample id moved on; ? = route, exception, service, first_seen, last_seen, sample_id
INSERT INTO error_kind (route, exception, service, count, first_seen, last_seen, sample_id) VALUES (?, ?, ?, 1, ?, ?, ?)
ON CONFLICT (route, exception, service) DO UPDATE
   SET count = error_kind.count + 1, last_seen = greatest(error_kind.last_seen, EXCLUDED.last_seen), sample_id = EXCLUDED.sample_id
