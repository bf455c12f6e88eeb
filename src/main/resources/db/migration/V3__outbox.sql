-- Transactional outbox: domain events are written here in the same transaction as the change they describe,
-- and the outbox relay publishes them to Kafka in id order (per key), marking each row once Kafka acknowledged it.
CREATE TABLE outbox_event (
    id           bigserial   PRIMARY KEY,            -- publication order
    event_id     uuid        NOT NULL UNIQUE,        -- consumers de-duplicate by it (the envelope's "id")
    type         text        NOT NULL,               -- wire name, e.g. appointment.booked
    topic        text        NOT NULL,
    event_key    text        NOT NULL,               -- Kafka record key: events of one key stay in order
    payload      jsonb       NOT NULL,               -- the full message (envelope + payload) as published
    occurred_at  timestamptz NOT NULL,
    published_at timestamptz NULL,
    attempts     int         NOT NULL DEFAULT 0,     -- failed publication attempts
    last_error   text        NULL
);

-- the relay's claim: unpublished rows in id order
CREATE INDEX outbox_event_unpublished ON outbox_event (id) WHERE published_at IS NULL;
-- the relay's per-key check: is an earlier row of this key still unpublished (held by another relay)?
CREATE INDEX outbox_event_unpublished_key ON outbox_event (event_key, id) WHERE published_at IS NULL;
-- pruning of published rows
CREATE INDEX outbox_event_published_at ON outbox_event (published_at) WHERE published_at IS NOT NULL;
