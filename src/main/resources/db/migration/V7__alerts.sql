-- Alerting: one row per alert (a condition identified by its fingerprint) with its lifecycle, and one row per
-- notification attempt on a channel. Timestamps come from Bella's clock (the injectable one), not the database's.
CREATE TABLE alert (
    id                 bigserial PRIMARY KEY,
    fingerprint        text        NOT NULL CHECK (length(fingerprint) BETWEEN 1 AND 200),
    source             text        NOT NULL,
    severity           text        NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
    title              text        NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    detail             text,
    state              text        NOT NULL CHECK (state IN ('raised', 'acknowledged', 'resolved')),
    count              int         NOT NULL DEFAULT 1,
    first_seen         timestamptz NOT NULL,
    last_seen          timestamptz NOT NULL,
    acknowledged_at    timestamptz,
    acknowledged_by    text,
    resolved_at        timestamptz,
    resolution         text,
    first_notified_at  timestamptz,             -- escalation counts from here
    last_notified_at   timestamptz,             -- de-duplication window counts from here
    suppressed         int         NOT NULL DEFAULT 0, -- raises not notified (inside the de-duplication window)
    escalation_level   int         NOT NULL DEFAULT 0, -- 0 none, 1 re-notified, 2 on-call paged by SMS
    recovery_notified  boolean     NOT NULL DEFAULT false
);
-- at most one open (raised or acknowledged) alert per fingerprint: repeats count up on it
CREATE UNIQUE INDEX alert_open_fingerprint ON alert (fingerprint) WHERE state <> 'resolved';
CREATE INDEX alert_fingerprint ON alert (fingerprint);
CREATE INDEX alert_last_seen ON alert (last_seen DESC);
CREATE INDEX alert_escalation ON alert (first_notified_at) WHERE state = 'raised';

CREATE TABLE alert_delivery (
    id         bigserial PRIMARY KEY,
    alert_id   bigint      NOT NULL REFERENCES alert (id),
    channel    text        NOT NULL,           -- slack | email | sms
    kind       text        NOT NULL CHECK (kind IN ('raised', 'recovery', 'escalation', 'oncall', 'test')),
    status     text        NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
    attempts   int         NOT NULL DEFAULT 0,
    last_error text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX alert_delivery_alert ON alert_delivery (alert_id, id);
