-- a recovery message goes out once, and only for an alert whose raise was notified
UPDATE alert SET recovery_notified = true
 WHERE id = ? AND state = 'resolved' AND last_notified_at IS NOT NULL AND NOT recovery_notified AND source <> 'test'
RETURNING *
