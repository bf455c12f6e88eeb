UPDATE api_idempotency SET status = ?, response = ? WHERE principal = ? AND idempotency_key = ?
