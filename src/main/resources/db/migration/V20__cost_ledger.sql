-- The complete cost ledger: every entry carries its currency and, where a webhook may be retried, a reference that
-- makes it once-only (voice:<CallSid>:<leg>, speech:<CallSid>:<turn>, sms:<MessageSid>). Test calls are flagged and
-- left out of every report. Amounts stay in the column "usd", which holds the amount in the entry's currency.
ALTER TABLE cost_entry ADD COLUMN currency       text NOT NULL DEFAULT 'USD';
ALTER TABLE cost_entry ADD COLUMN ref            text;
ALTER TABLE cost_entry ADD COLUMN appointment_id bigint;
CREATE UNIQUE INDEX cost_entry_ref ON cost_entry (ref) WHERE ref IS NOT NULL;
CREATE INDEX cost_entry_item_created ON cost_entry (item, created_at);

-- a call placed by an operator or the console to try Bella: excluded from costs, business metrics and SLOs
ALTER TABLE call_session ADD COLUMN is_test boolean NOT NULL DEFAULT false;
-- the call's length from Twilio's status callback, and when (Bella's clock) its end was counted for the service levels
ALTER TABLE call_session ADD COLUMN duration_s int;
ALTER TABLE call_session ADD COLUMN ended_at   timestamptz;
CREATE INDEX call_session_outcome_created ON call_session (outcome, created_at);
