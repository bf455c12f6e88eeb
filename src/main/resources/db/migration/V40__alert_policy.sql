-- Alert policy (docs/alerts.md): per-instance conditions (breakers, booking failures, turn latency) carry the
-- instance that raised them, which alone may resolve them; maintenance windows hold notices for their length.
ALTER TABLE alert ADD COLUMN instance text;
CREATE INDEX alert_open_source ON alert (source, instance) WHERE state <> 'resolved';

CREATE TABLE maintenance_window (
    id           bigserial PRIMARY KEY,
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz NOT NULL CHECK (ends_at > starts_at),
    reason       text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
    declared_by  text,
    declared_at  timestamptz NOT NULL,
    cancelled_at timestamptz
);
CREATE INDEX maintenance_window_ends ON maintenance_window (ends_at) WHERE cancelled_at IS NULL;
