-- CallFlow.decide: an answered turn in one statement, in the turn's transaction: the session as the turn leaves it,
-- the turn with what it says about understanding (TurnQuality), and its events in this order: call.turn, then
-- call.ended when the call ends here (a second event with a null id is not written).
WITH s AS (
    UPDATE call_session
       SET status = ?, outcome = ?, step = ?, turn = ?, state = ?::jsonb, appointment_id = ?, updated_at = now()
     WHERE call_sid = ?
), t AS (
    INSERT INTO call_turn (call_sid, turn, said, heard, twiml, step, next_step, engine, extractor, confidence,
                           expected_slot, understood, reasked, corrected)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
)
INSERT INTO outbox_event (event_id, type, topic, event_key, payload, occurred_at)
SELECT e.event_id, e.type, e.topic, e.event_key, e.payload, e.occurred_at
  FROM (VALUES (1, ?::uuid, ?, ?, ?, CAST(? AS jsonb), ?::timestamptz),
               (2, ?::uuid, ?, ?, ?, CAST(? AS jsonb), ?::timestamptz))
       AS e (ord, event_id, type, topic, event_key, payload, occurred_at)
 WHERE e.event_id IS NOT NULL
 ORDER BY e.ord
