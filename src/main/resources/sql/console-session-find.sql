-- a live session whose key is still valid, and whether its sliding expiry is due to be pushed out (once a minute)
SELECT s.csrf_token, s.principal, s.scope, s.last_seen < now() - interval '1 minute' AS touch
  FROM console_session s
 WHERE s.token_hash = ? AND s.expires_at > now()
   AND (s.api_key_id IS NULL OR EXISTS (SELECT 1 FROM api_key k WHERE k.id = s.api_key_id AND k.revoked_at IS NULL))
