-- OutboxRelay: rows Kafka acknowledged
UPDATE outbox_event SET published_at = now() WHERE id = ANY (?)
