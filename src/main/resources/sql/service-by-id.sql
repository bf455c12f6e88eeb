SELECT id, name, duration_minutes, active FROM service WHERE id = ?
