-- CallFlow.decide: an answered turn in one statement, in the turn's transaction: the session as the turn leaves it,
-- the turn with what it says about understanding (TurnQuality), the turn's speech recognition in the cost ledger
-- (once per call and turn: a null ref writes no entry, a ref recorded before neither entry nor event), and its events
-- in this order: call.turn, then call.ended when the call ends here (a second event with a null id is not written),
-- then the entry's cost.incurred.
WITH s AS (
    UPDATE call_session
       SET status = ?, outcome = ?, step = ?, turn = ?, state = ?::jsonb, appointment_id = ?, updated_at = now()
     WHERE call_sid = ?
), t AS (
    INSERT INTO call_turn (call_sid, turn, said, heard, twiml, step, next_step, engine, extractor, confidence,
                           expected_slot, understood, reasked, corrected)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
), cost AS (
    INSERT INTO cost_entry (call_sid, provider, item, quantity, unit, usd, currency, ref, appointment_id, created_at)
    SELECT * FROM (VALUES (?::text, ?::text, ?::text, ?::numeric, ?::text, ?::numeric, ?::text, ?::text, ?::bigint,
                           ?::timestamptz)) AS c
     WHERE c.column8 IS NOT NULL
    ON CONFLICT (ref) WHERE ref IS NOT NULL DO NOTHING
    RETURNING id
)
INSERT INTO outbox_event (event_id, type, topic, event_key, payload, occurred_at)
SELECT e.event_id, e.type, e.topic, e.event_key, e.payload, e.occurred_at
  FROM (SELECT v.* FROM (VALUES (1, ?::uuid, ?, ?, ?, CAST(? AS jsonb), ?::timestamptz),
                                (2, ?::uuid, ?, ?, ?, CAST(? AS jsonb), ?::timestamptz))
                        AS v (ord, event_id, type, topic, event_key, payload, occurred_at)
         WHERE v.event_id IS NOT NULL
        UNION ALL
        SELECT 3, ?::uuid, ?, ?, ?, CAST(? AS jsonb), ?::timestamptz FROM cost)
       AS e (ord, event_id, type, topic, event_key, payload, occurred_at)
 ORDER BY e.ord
