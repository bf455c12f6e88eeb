-- CallFlow.incoming: a new call in one statement (atomic on its own): its session as the greeting leaves it, turn 0
-- (the greeting) and its call.started event. No row when another request created the call first: nothing is written.
WITH s AS (
    INSERT INTO call_session (call_sid, from_phone, status, outcome, step, turn, state, appointment_id, is_test)
    VALUES (?, ?, 'in-progress', ?, ?, ?, ?::jsonb, ?, ?)
    ON CONFLICT (call_sid) DO NOTHING
    RETURNING call_sid
), t AS (
    INSERT INTO call_turn (call_sid, turn, said, heard, twiml)
    SELECT s.call_sid, 0, NULL, ?, ? FROM s
), e AS (
    INSERT INTO outbox_event (event_id, type, topic, event_key, payload, occurred_at)
    SELECT ?::uuid, ?, ?, ?, CAST(? AS jsonb), ?::timestamptz FROM s
)
SELECT count(*) FROM s
