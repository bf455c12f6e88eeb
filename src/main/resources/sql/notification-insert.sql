INSERT INTO notification (appointment_id, kind, purpose, event_id, starts_at, previous_start, due_at, status, last_error)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (appointment_id, kind) DO NOTHING
