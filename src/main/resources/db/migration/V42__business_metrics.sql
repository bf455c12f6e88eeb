-- Business metrics (docs/unified-api.md): what each answered turn tells about understanding (the step it answered,
-- the step after, the speech engine and extraction path, Twilio's recogniser confidence, re-ask, correction), a
-- daily roll-up kept so trends survive restarts and stay cheap to read, and errors aggregated by kind.
ALTER TABLE call_turn ADD COLUMN step          text;
ALTER TABLE call_turn ADD COLUMN next_step     text;
ALTER TABLE call_turn ADD COLUMN engine        text;     -- twilio | whisper | keypad | none
ALTER TABLE call_turn ADD COLUMN extractor     text;     -- rules | model
ALTER TABLE call_turn ADD COLUMN confidence    real;     -- Twilio's Confidence (0..1), null when not given
ALTER TABLE call_turn ADD COLUMN expected_slot text;     -- name | phone | datetime | service | confirmation | intent | code
ALTER TABLE call_turn ADD COLUMN understood    boolean;  -- the dialogue moved past the step
ALTER TABLE call_turn ADD COLUMN reasked       boolean;  -- the same step was asked again
ALTER TABLE call_turn ADD COLUMN corrected     boolean;  -- the caller changed a slot already given
CREATE INDEX call_turn_created ON call_turn (created_at) WHERE step IS NOT NULL;

CREATE TABLE business_daily (
    day         date          PRIMARY KEY,                -- practice time zone
    calls       bigint        NOT NULL,
    succeeded   bigint        NOT NULL,
    bookings    bigint        NOT NULL,                 -- every booking (phone and API)
    phone_bookings bigint     NOT NULL,                 -- booked by a call: what booked_cost is spread over
    turns       bigint        NOT NULL,
    reasked     bigint        NOT NULL,
    corrected   bigint        NOT NULL,
    cost        numeric(16,8) NOT NULL,
    booked_cost numeric(16,8) NOT NULL,
    updated_at  timestamptz   NOT NULL
);

CREATE TABLE error_kind (
    route       text        NOT NULL,
    exception   text        NOT NULL,
    service     text        NOT NULL,                     -- openai | twilio | slack | smtp | postgres | kafka | bella
    count       bigint      NOT NULL,
    first_seen  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL,
    sample_id   text,                                     -- a CallSid or request id of one occurrence
    PRIMARY KEY (route, exception, service)
);
CREATE INDEX error_kind_last_seen ON error_kind (last_seen DESC);

CREATE INDEX appointment_created ON appointment (created_at);
CREATE INDEX appointment_call_sid ON appointment (call_sid) WHERE call_sid IS NOT NULL;
