-- NotificationDispatcher: rows left 'sending' longer than the claim limit (seconds) belong to a dispatcher that
-- stopped between asking Twilio and recording the answer; they are failed, never sent again (at most once)
WITH stale AS (
    SELECT id FROM notification
     WHERE status = 'sending' AND claimed_at < now() - make_interval(secs => ?)
     ORDER BY claimed_at
     LIMIT ?
       FOR UPDATE SKIP LOCKED
)
UPDATE notification n SET status = 'failed', last_error = ?, updated_at = now()
  FROM stale, appointment a, customer c
 WHERE n.id = stale.id AND a.id = n.appointment_id AND c.id = a.customer_id
RETURNING n.id, n.appointment_id, n.kind, n.purpose, c.phone
