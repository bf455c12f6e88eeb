SELECT id, name, duration_minutes, active FROM service WHERE (?::boolean IS NULL OR active = ?) ORDER BY id
