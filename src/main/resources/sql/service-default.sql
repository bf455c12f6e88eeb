SELECT id, name, duration_minutes FROM service WHERE active ORDER BY id LIMIT 1
