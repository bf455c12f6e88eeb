-- NotificationDispatcher, step 1 (claim): the claimed row is committed as 'sending' before Twilio is asked; the
-- returned claimed_at identifies this claim when its outcome is recorded
UPDATE notification SET status = 'sending', claimed_at = now(), updated_at = now() WHERE id = ? RETURNING claimed_at
