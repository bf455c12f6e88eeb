-- OutboxRelay.claim: the oldest unpublished rows, in id order, locked until our commit. Only one relay of all
-- instances claims at a time (outbox-relay-turn.sql), so id order is Kafka order for every key. FOR UPDATE without
-- SKIP LOCKED: a row another transaction still holds is waited for, never overtaken.
SELECT id, event_id, type, topic, event_key, payload::text AS message
FROM outbox_event
WHERE published_at IS NULL
ORDER BY id
LIMIT ?
FOR UPDATE
