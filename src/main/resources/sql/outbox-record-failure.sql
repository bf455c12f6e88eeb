-- OutboxRelay: rows Kafka did not acknowledge stay unpublished; count the attempt and keep the reason
UPDATE outbox_event SET attempts = attempts + 1, last_error = ? WHERE id = ANY (?)
