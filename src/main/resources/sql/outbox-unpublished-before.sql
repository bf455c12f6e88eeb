-- OutboxRelay.claim: every unpublished row before the last one claimed — the claimed rows themselves and the few
-- another relay holds (those are what a claimed row of the same key must wait behind). Only ids and keys; a range
-- of the unpublished index in any plan.
SELECT id, event_key
FROM outbox_event
WHERE published_at IS NULL
  AND id < ?
