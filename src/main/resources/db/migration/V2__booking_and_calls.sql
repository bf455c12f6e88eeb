-- The practice's calendar (providers, services, customers, appointments) and the state of phone calls.
-- Overlapping active appointments on one provider are impossible: the exclusion constraint is the guarantee,
-- whatever number of Bella instances book at once.

CREATE TABLE provider (
    id         bigserial PRIMARY KEY,
    name       text    NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    active     boolean NOT NULL DEFAULT true,
    sort_order int     NOT NULL DEFAULT 0
);
INSERT INTO provider (name) VALUES ('Default');

CREATE TABLE service (
    id               bigserial PRIMARY KEY,
    name             text    NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    duration_minutes int     NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
    active           boolean NOT NULL DEFAULT true
);
INSERT INTO service (name, duration_minutes) VALUES ('Appointment', 30);

CREATE TABLE customer (
    id                         bigserial PRIMARY KEY,
    phone                      text        NOT NULL UNIQUE CHECK (phone ~ '^\+[1-9][0-9]{7,14}$'),
    name                       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    preferred_duration_minutes int CHECK (preferred_duration_minutes BETWEEN 5 AND 480),
    created_at                 timestamptz NOT NULL DEFAULT now(),
    updated_at                 timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE appointment (
    id          bigserial PRIMARY KEY,
    customer_id bigint      NOT NULL REFERENCES customer (id),
    provider_id bigint      NOT NULL REFERENCES provider (id),
    service_id  bigint      NOT NULL REFERENCES service (id),
    call_sid    text,
    during      tstzrange   NOT NULL CHECK (NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during)),
    status      text        NOT NULL CHECK (status IN ('booked', 'cancelled', 'completed')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT appointment_no_overlap EXCLUDE USING gist (provider_id WITH =, during WITH &&) WHERE (status = 'booked')
);
CREATE INDEX appointment_customer_start ON appointment (customer_id, lower(during));
CREATE INDEX appointment_active_during ON appointment USING gist (during) WHERE status = 'booked';

CREATE TABLE call_session (
    call_sid       text PRIMARY KEY,
    from_phone     text,
    status         text        NOT NULL,
    outcome        text,
    step           text        NOT NULL,
    turn           int         NOT NULL DEFAULT 0,
    state          jsonb       NOT NULL,
    appointment_id bigint REFERENCES appointment (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX call_session_created ON call_session (created_at DESC);

-- one row per answered webhook: a retried request for the same turn gets the same TwiML and no second effect
CREATE TABLE call_turn (
    call_sid   text        NOT NULL REFERENCES call_session (call_sid),
    turn       int         NOT NULL,
    said       text,
    heard      text,
    twiml      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (call_sid, turn)
);

CREATE TABLE callback_request (
    id         bigserial PRIMARY KEY,
    call_sid   text        NOT NULL REFERENCES call_session (call_sid),
    phone      text,
    reason     text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
