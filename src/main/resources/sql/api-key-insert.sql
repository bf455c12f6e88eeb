INSERT INTO api_key (label, scope, key_hash, key_prefix) VALUES (?, ?, ?, ?)
RETURNING id, label, scope, key_prefix, created_at, revoked_at
