UPDATE notification SET starts_at = ?, due_at = ?, updated_at = now() WHERE id = ?
