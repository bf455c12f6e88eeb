UPDATE notification SET status = 'skipped', last_error = ?, updated_at = now() WHERE id = ?
