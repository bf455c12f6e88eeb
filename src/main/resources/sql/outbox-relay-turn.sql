-- OutboxRelay.claim: this relay's turn, for the rest of its transaction; false while another instance's relay has a
-- batch in flight (this one then waits for its next tick)
SELECT pg_try_advisory_xact_lock(hashtext('outbox_relay'), 0)
