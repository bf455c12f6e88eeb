-- One-time codes that prove a caller holds a number other than the caller ID (docs/voice.md). Only a salted HMAC
-- of the code is kept; a code is single-use (verified_at), expires, and allows a limited number of attempts.
CREATE TABLE caller_verification (
    id          bigserial PRIMARY KEY,
    call_sid    text        NOT NULL REFERENCES call_session (call_sid),
    phone       text        NOT NULL,
    salt        bytea       NOT NULL,
    code_hash   bytea       NOT NULL,
    attempts    int         NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    verified_at timestamptz
);
CREATE INDEX caller_verification_call ON caller_verification (call_sid, phone);
CREATE INDEX caller_verification_phone ON caller_verification (phone, created_at);
