SELECT id, phone, name, preferred_duration_minutes FROM customer
 WHERE (?::text IS NULL OR phone = ?)
 ORDER BY id
 LIMIT ? OFFSET ?
