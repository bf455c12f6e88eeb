-- Customer SMS at most once: the dispatcher commits a claimed row as 'sending' (with the time of its claim) before it
-- asks Twilio, and records the outcome in a second transaction; no row lock or connection is held during the call.
-- A row left 'sending' past the claim limit (the process died mid-send) becomes 'failed', "outcome unknown".

ALTER TABLE notification DROP CONSTRAINT notification_status_check;
ALTER TABLE notification ADD CONSTRAINT notification_status_check
    CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped'));
ALTER TABLE notification ADD COLUMN claimed_at timestamptz;  -- when the current (or last) send was claimed

-- the dispatcher's sweep for claims that never came back
CREATE INDEX notification_sending_claimed ON notification (claimed_at) WHERE status = 'sending';
