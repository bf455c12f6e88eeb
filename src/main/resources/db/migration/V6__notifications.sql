-- Customer SMS: every message Bella owes a customer (confirmation, reschedule or cancellation notice, reminder) is a
-- row, sent once by whichever instance claims it; booking events already turned into rows are remembered by id.

CREATE TABLE notification (
    id             bigserial   PRIMARY KEY,
    appointment_id bigint      NOT NULL REFERENCES appointment (id),
    -- confirmation | cancellation | reminder-24h (one per configured offset) | reschedule:<event id>
    kind           text        NOT NULL,
    purpose        text        NOT NULL CHECK (purpose IN ('confirmation', 'reminder', 'reschedule', 'cancellation')),
    event_id       uuid,                               -- the booking event that asked for it
    starts_at      timestamptz NOT NULL,               -- the appointment start the message is about
    previous_start timestamptz,                        -- reschedule notices: where it moved from
    due_at         timestamptz NOT NULL,
    status         text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
    attempts       int         NOT NULL DEFAULT 0,     -- calls to Twilio, retries included
    last_error     text,                               -- why it failed or was skipped (phone numbers masked)
    message_sid    text,
    sent_at        timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT notification_once UNIQUE (appointment_id, kind)
);
-- the dispatcher's claim: pending rows by due time
CREATE INDEX notification_pending_due ON notification (due_at, id) WHERE status = 'pending';

-- booking events (envelope id) already turned into notifications: Kafka delivers at least once
CREATE TABLE notification_event (
    event_id     uuid        PRIMARY KEY,
    type         text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- "C" answered to an SMS: the customer confirmed they are coming
CREATE TABLE appointment_confirmation (
    appointment_id bigint      PRIMARY KEY REFERENCES appointment (id),
    channel        text        NOT NULL,
    confirmed_at   timestamptz NOT NULL DEFAULT now()
);

-- incoming SMS, one row per Twilio MessageSid: a retried webhook gets the same reply and no second effect
CREATE TABLE sms_inbound (
    message_sid    text        PRIMARY KEY,
    from_phone     text        NOT NULL,
    command        text        NOT NULL,           -- confirm | cancel | reschedule | help
    appointment_id bigint REFERENCES appointment (id),
    reply          text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);
