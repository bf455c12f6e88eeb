UPDATE notification SET status = 'skipped', last_error = ?, updated_at = now()
 WHERE appointment_id = ? AND kind = ? AND status = 'pending'
