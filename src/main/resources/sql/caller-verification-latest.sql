-- the call's latest code for a number, locked for the attempt that reads it
SELECT id, salt, code_hash, attempts, expires_at, verified_at
  FROM caller_verification
 WHERE call_sid = ? AND phone = ?
 ORDER BY id DESC
 LIMIT 1
   FOR UPDATE
