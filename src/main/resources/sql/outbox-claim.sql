-- OutboxRelay.claim: the oldest unpublished rows that no other relay holds, in id order, locked until our commit
-- (SKIP LOCKED lets several relays run side by side). Which of them must wait behind an earlier row of their key
-- is decided with outbox-unpublished-before.sql, not here: a per-key check inside this statement is planned from
-- statistics taken while the outbox was empty, and with a backlog such a plan never finishes (docs/performance.md).
SELECT id, event_id, type, topic, event_key, payload::text AS message
FROM outbox_event
WHERE published_at IS NULL
ORDER BY id
LIMIT ?
FOR UPDATE SKIP LOCKED
