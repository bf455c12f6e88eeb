-- OutboxRelay.claim: the oldest unpublished rows that no other relay holds, in id order, locked until our commit
-- (SKIP LOCKED lets several relays run side by side). A row is left out when an earlier row of its key is still
-- unpublished and not among ours: another relay holds it, and publishing this one now would overtake it.
WITH claimed AS (
    SELECT id, event_id, type, topic, event_key, payload
    FROM outbox_event
    WHERE published_at IS NULL
    ORDER BY id
    LIMIT ?
    FOR UPDATE SKIP LOCKED
)
SELECT c.id, c.event_id, c.type, c.topic, c.event_key, c.payload::text AS message
FROM claimed c
WHERE NOT EXISTS (
    SELECT 1
    FROM outbox_event e
    WHERE e.event_key = c.event_key
      AND e.id < c.id
      AND e.published_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM claimed mine WHERE mine.id = e.id)
)
ORDER BY c.id
