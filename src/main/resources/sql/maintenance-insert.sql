INSERT INTO maintenance_window (starts_at, ends_at, reason, declared_by, declared_at) VALUES (?, ?, ?, ?, ?)
RETURNING *
