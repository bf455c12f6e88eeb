-- A call of the callback journal: one that began while the database was down gets a minimal session, ended with
-- outcome "callback"; one cut off mid-call (no outcome yet) is ended the same way.
INSERT INTO call_session (call_sid, from_phone, status, outcome, step, state, created_at, updated_at)
VALUES (?, ?, 'completed', 'callback', ?, ?::jsonb, ?, now())
ON CONFLICT (call_sid) DO UPDATE SET status = 'completed', outcome = 'callback', updated_at = now()
 WHERE call_session.outcome IS NULL
