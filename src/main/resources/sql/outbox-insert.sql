-- OutboxWriter.append: one event in the caller's transaction
INSERT INTO outbox_event (event_id, type, topic, event_key, payload, occurred_at)
VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?)
