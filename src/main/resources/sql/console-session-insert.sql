INSERT INTO console_session (token_hash, csrf_token, principal, api_key_id, scope, expires_at)
VALUES (?, ?, ?, ?, ?, now() + make_interval(secs => ?))
