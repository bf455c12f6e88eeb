UPDATE notification SET status = 'sent', attempts = attempts + ?, message_sid = ?, sent_at = ?, last_error = NULL,
       updated_at = now()
 WHERE id = ?
