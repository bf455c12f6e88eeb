-- a live session whose key is still valid; sliding: each use pushes the expiry out
UPDATE console_session s
   SET last_seen = now(), expires_at = now() + make_interval(secs => ?)
 WHERE s.token_hash = ? AND s.expires_at > now()
   AND (s.api_key_id IS NULL OR EXISTS (SELECT 1 FROM api_key k WHERE k.id = s.api_key_id AND k.revoked_at IS NULL))
RETURNING s.csrf_token, s.principal, s.scope
