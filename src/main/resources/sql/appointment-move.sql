UPDATE appointment SET during = tstzrange(?, ?, '[)'), provider_id = ?, updated_at = now()
 WHERE id = ? AND status = 'booked'
