-- a concurrent request with the same key waits here until the first one commits or rolls back
INSERT INTO api_idempotency (principal, idempotency_key, request_hash) VALUES (?, ?, ?)
ON CONFLICT (principal, idempotency_key) DO NOTHING
