-- Speech understanding: recordings waiting for (or done with) transcription, a cache so identical audio is never
-- paid for twice, and the cost of every paid call against the phone call that caused it.

CREATE TABLE transcription (
    call_sid      text        NOT NULL,
    turn          int         NOT NULL,
    recording_sid text        NOT NULL,
    recording_url text        NOT NULL,
    duration_s    int,
    status        text        NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
    text          text,
    error         text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (call_sid, turn)
);

CREATE TABLE transcript_cache (
    audio_sha256 text PRIMARY KEY,
    model        text        NOT NULL,
    text         text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cost_entry (
    id         bigserial PRIMARY KEY,
    call_sid   text,
    provider   text          NOT NULL,
    item       text          NOT NULL,
    quantity   numeric(14,4) NOT NULL,
    unit       text          NOT NULL,
    usd        numeric(16,8) NOT NULL,
    created_at timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX cost_entry_created ON cost_entry (created_at);
CREATE INDEX cost_entry_call ON cost_entry (call_sid);
