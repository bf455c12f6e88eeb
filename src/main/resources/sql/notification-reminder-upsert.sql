INSERT INTO notification (appointment_id, kind, purpose, event_id, starts_at, due_at)
VALUES (?, ?, 'reminder', ?, ?, ?)
ON CONFLICT (appointment_id, kind) DO UPDATE
   SET event_id = EXCLUDED.event_id, starts_at = EXCLUDED.starts_at, due_at = EXCLUDED.due_at, status = 'pending',
       attempts = 0, last_error = NULL, message_sid = NULL, sent_at = NULL, claimed_at = NULL,
       updated_at = now()
 WHERE notification.starts_at IS DISTINCT FROM EXCLUDED.starts_at OR notification.status = 'pending'
