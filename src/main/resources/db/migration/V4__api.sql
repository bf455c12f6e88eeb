-- The REST API's own state: API keys (only SHA-256 hashes are stored), idempotent responses, rate-limit counters,
-- and the practice's opening hours and closures (seeded from the configuration at first start, then changed by API).

CREATE TABLE api_key (
    id         bigserial PRIMARY KEY,
    label      text        NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
    scope      text        NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
    key_hash   bytea       NOT NULL UNIQUE CHECK (length(key_hash) = 32),
    key_prefix text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

-- one row per (caller, Idempotency-Key): written in the transaction of the request's effect
CREATE TABLE api_idempotency (
    principal       text        NOT NULL,
    idempotency_key text        NOT NULL,
    request_hash    bytea       NOT NULL,
    status          int,
    response        text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, idempotency_key)
);
CREATE INDEX api_idempotency_created ON api_idempotency (created_at);

-- requests per caller per fixed window, shared by every instance
CREATE TABLE api_rate (
    principal    text        NOT NULL,
    window_start timestamptz NOT NULL,
    requests     int         NOT NULL,
    PRIMARY KEY (principal, window_start)
);

CREATE TABLE practice_hours (
    weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens   time     NOT NULL,
    closes  time     NOT NULL,
    CHECK (opens < closes),
    PRIMARY KEY (weekday, opens)
);

CREATE TABLE closure (
    day    date PRIMARY KEY,
    reason text CHECK (length(reason) <= 200)
);
