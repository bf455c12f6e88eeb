UPDATE alert_delivery SET status = ?, attempts = ?, last_error = ?, updated_at = ? WHERE id = ?
