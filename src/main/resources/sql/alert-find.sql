SELECT * FROM alert WHERE id = ?
