-- one ledger entry; a non-null ref (a retried webhook's identity) makes it once-only
INSERT INTO cost_entry (call_sid, provider, item, quantity, unit, usd, currency, ref, appointment_id, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (ref) WHERE ref IS NOT NULL DO NOTHING
