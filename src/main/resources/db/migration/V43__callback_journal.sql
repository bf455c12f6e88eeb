-- Callback requests replayed from the callback journal (callers served while PostgreSQL was down) carry the call SID
-- as their journal key, so a journal replayed twice adds each one once. Requests made in a call have none.
ALTER TABLE callback_request ADD COLUMN journal_key text;
ALTER TABLE callback_request ADD CONSTRAINT callback_request_journal_key_unique UNIQUE (journal_key);
