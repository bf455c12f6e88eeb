INSERT INTO caller_verification (call_sid, phone, salt, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
