SELECT id, phone, name, preferred_duration_minutes FROM customer WHERE id = ?
