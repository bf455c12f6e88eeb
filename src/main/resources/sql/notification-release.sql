-- NotificationDispatcher, step 3: the breaker was open, nothing was sent: the row of this claim is due again
-- (same match as notification-mark-sent)
UPDATE notification SET status = 'pending', claimed_at = NULL, last_error = NULL, updated_at = now()
 WHERE id = ? AND claimed_at = ? AND (status = 'sending' OR (status = 'failed' AND last_error = ?))
