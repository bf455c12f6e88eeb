-- one ledger entry and its cost.incurred event, in one statement; a non-null ref (a retried webhook's identity) makes
-- it once-only: when the entry was recorded before, neither is written (no row counted)
WITH entry AS (
    INSERT INTO cost_entry (call_sid, provider, item, quantity, unit, usd, currency, ref, appointment_id, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (ref) WHERE ref IS NOT NULL DO NOTHING
    RETURNING id
)
INSERT INTO outbox_event (event_id, type, topic, event_key, payload, occurred_at)
SELECT ?::uuid, ?, ?, ?, CAST(? AS jsonb), ?::timestamptz FROM entry
