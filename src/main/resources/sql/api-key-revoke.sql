UPDATE api_key SET revoked_at = COALESCE(revoked_at, now()) WHERE id = ?
