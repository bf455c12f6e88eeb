SELECT a.id, a.call_sid, c.name, c.phone, lower(a.during) AS starts, upper(a.during) AS ends, s.name AS service,
       a.status, a.provider_id, a.customer_id
  FROM appointment a JOIN customer c ON c.id = a.customer_id JOIN service s ON s.id = a.service_id
 WHERE (?::text IS NULL OR c.phone = ?)
   AND (?::timestamptz IS NULL OR upper(a.during) > ?)
   AND (?::timestamptz IS NULL OR lower(a.during) < ?)
   AND (?::text IS NULL OR a.status = ?)
   AND (?::bigint IS NULL OR a.provider_id = ?)
 ORDER BY lower(a.during), a.id
 LIMIT ? OFFSET ?
