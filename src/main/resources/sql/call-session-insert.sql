INSERT INTO call_session (call_sid, from_phone, status, step, state) VALUES (?, ?, 'in-progress', ?, ?::jsonb)
ON CONFLICT (call_sid) DO NOTHING
