UPDATE notification SET status = 'failed', attempts = attempts + ?, last_error = ?, updated_at = now() WHERE id = ?
