SELECT request_hash, status, response FROM api_idempotency WHERE principal = ? AND idempotency_key = ?
