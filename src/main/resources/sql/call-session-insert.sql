INSERT INTO call_session (call_sid, from_phone, status, outcome, step, turn, state, appointment_id)
VALUES (?, ?, 'in-progress', ?, ?, ?, ?::jsonb, ?)
ON CONFLICT (call_sid) DO NOTHING
