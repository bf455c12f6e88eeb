SELECT state, status, outcome, created_at FROM call_session
 WHERE (?::text IS NULL OR from_phone = ?)
   AND (?::timestamptz IS NULL OR created_at >= ?)
 ORDER BY created_at DESC
 LIMIT ?
