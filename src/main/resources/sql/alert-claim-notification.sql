-- the pipeline claims a raised alert for notification: only while raised and outside the de-duplication window,
-- so that two consumers (or the catch-up sweep and a consumer) never both notify; grouped repeats are counted
UPDATE alert
   SET first_notified_at = COALESCE(first_notified_at, ?), last_notified_at = ?, suppressed = suppressed + ?
 WHERE id = ? AND state = 'raised' AND (last_notified_at IS NULL OR last_notified_at <= ?)
RETURNING *
