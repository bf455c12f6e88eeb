-- A journaled caller as a callback request, once: the journal key (the call SID) is unique.
INSERT INTO callback_request (call_sid, phone, reason, created_at, journal_key) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (journal_key) DO NOTHING
