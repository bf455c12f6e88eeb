-- NotificationDispatcher, step 1 (claim): the next due text of this sender's share whose appointment has no text
-- being sent; the appointment's row stays locked until the claim commits (see notification-mark-sending)
SELECT n.id, n.appointment_id, n.kind, n.purpose, n.starts_at, n.previous_start, n.attempts,
       a.status AS appointment_status, lower(a.during) AS appointment_start, c.phone, c.name
  FROM notification n
  JOIN appointment a ON a.id = n.appointment_id
  JOIN customer c ON c.id = a.customer_id
 WHERE n.status = 'pending' AND n.due_at <= ? AND (n.purpose <> 'reminder' OR ?)
   AND (n.retry_at IS NULL OR n.retry_at <= now())
   AND n.appointment_id % ? = ?  -- this sender's share of the appointments
   AND NOT EXISTS (SELECT 1 FROM notification s WHERE s.appointment_id = n.appointment_id AND s.status = 'sending')
 ORDER BY n.due_at, n.id
 LIMIT 1
   FOR UPDATE OF n SKIP LOCKED
   FOR NO KEY UPDATE OF a SKIP LOCKED  -- one claim of an appointment's texts at a time, across senders and instances
