SELECT id, scope FROM api_key WHERE key_hash = ? AND revoked_at IS NULL
