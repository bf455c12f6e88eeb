INSERT INTO alert (fingerprint, source, severity, title, detail, state, count, first_seen, last_seen, instance)
VALUES (?, ?, ?, ?, ?, 'raised', 1, ?, ?, ?)
RETURNING *
