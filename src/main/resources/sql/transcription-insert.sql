INSERT INTO transcription (call_sid, turn, recording_sid, recording_url, duration_s, status)
VALUES (?, ?, ?, ?, ?, 'pending')
ON CONFLICT (call_sid, turn) DO NOTHING
