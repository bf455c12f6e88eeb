INSERT INTO alert_delivery (alert_id, channel, kind, status, attempts, created_at, updated_at)
VALUES (?, ?, ?, 'pending', 0, ?, ?)
RETURNING id
