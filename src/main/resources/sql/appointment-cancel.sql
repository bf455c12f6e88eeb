UPDATE appointment SET status = 'cancelled', updated_at = now() WHERE id = ? AND status = 'booked'
