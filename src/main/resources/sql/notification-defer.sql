-- NotificationDispatcher, step 3: Twilio answered that it could not take the message now (5xx, 429) or could not be
-- reached at all: nothing was sent, so the row is pending again, not claimed before retry_at (the database's clock),
-- its attempts and error kept (same match as notification-mark-sent)
UPDATE notification SET status = 'pending', claimed_at = NULL, attempts = attempts + ?, last_error = ?,
       retry_at = now() + ? * interval '1 millisecond', updated_at = now()
 WHERE id = ? AND claimed_at = ? AND (status = 'sending' OR (status = 'failed' AND last_error = ?))
