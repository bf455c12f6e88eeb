-- NotificationDispatcher, step 3: Twilio refused the message of this claim or stayed unreachable through the retries
-- (same match as notification-mark-sent)
UPDATE notification SET status = 'failed', attempts = attempts + ?, last_error = ?, updated_at = now()
 WHERE id = ? AND claimed_at = ? AND (status = 'sending' OR (status = 'failed' AND last_error = ?))
