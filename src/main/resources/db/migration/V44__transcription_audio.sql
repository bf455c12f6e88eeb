-- What audio preprocessing (trimmed silence, 16 kHz mono) did to each recording before Whisper heard it: the size
-- and length Twilio served and what was sent. Empty when the recording was not preprocessed (cache hit, unreadable).
ALTER TABLE transcription
    ADD COLUMN recording_bytes int,
    ADD COLUMN sent_bytes      int,
    ADD COLUMN recording_ms    int,
    ADD COLUMN sent_ms         int;
