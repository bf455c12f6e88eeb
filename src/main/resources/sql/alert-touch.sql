UPDATE alert SET last_seen = ? WHERE id = ?
