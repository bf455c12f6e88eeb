INSERT INTO service (name, duration_minutes) VALUES (?, ?) RETURNING id, name, duration_minutes, active
