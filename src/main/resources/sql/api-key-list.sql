SELECT id, label, scope, key_prefix, created_at, revoked_at FROM api_key ORDER BY id
