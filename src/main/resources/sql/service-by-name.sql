SELECT id, name, duration_minutes FROM service WHERE active AND lower(name) = lower(?)
