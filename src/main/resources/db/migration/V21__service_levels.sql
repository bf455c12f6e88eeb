-- Service levels (docs/service-levels.md): good and total events per SLO and minute (Bella's clock), written by every
-- instance and summed over windows; instance heartbeats; each SLO's breach state (one row, locked while it flips so
-- one instance writes sla.breached / sla.recovered); the daily compliance history.
CREATE TABLE slo_minute (
    slo    text        NOT NULL,
    minute timestamptz NOT NULL,
    good   bigint      NOT NULL DEFAULT 0,
    total  bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (slo, minute)
);

CREATE TABLE instance_heartbeat (
    instance_id text PRIMARY KEY,
    host        text        NOT NULL,
    ready       boolean     NOT NULL,
    detail      text,
    started_at  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL
);

CREATE TABLE slo_state (
    slo        text PRIMARY KEY,
    state      text        NOT NULL CHECK (state IN ('ok', 'breached')),
    severity   text,
    window_name text,
    since      timestamptz NOT NULL
);

CREATE TABLE slo_daily (
    day         date          NOT NULL,
    slo         text          NOT NULL,
    good        bigint        NOT NULL,
    total       bigint        NOT NULL,
    compliance  numeric(9,6),
    target      numeric(9,6)  NOT NULL,
    met         boolean,
    PRIMARY KEY (day, slo)
);
