SELECT * FROM maintenance_window WHERE id = ?
