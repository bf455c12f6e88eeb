UPDATE caller_verification SET attempts = attempts + 1, verified_at = ? WHERE id = ?
