-- Twilio could not take a message (5xx, 429, no connection: nothing was sent): the row stays pending and is not
-- claimed again before retry_at. Wall-clock time of the database, not the practice clock (which may be fixed in a
-- demo), so that a retry always comes.
ALTER TABLE notification ADD COLUMN retry_at timestamptz;
