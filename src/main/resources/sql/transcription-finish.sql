-- Transcriptions.finish: settles a pending job and, in the same statement, tells every instance listening on
-- transcription_settled (TranscriptionNotifications) which turn settled, so a waiting poll answers at once.
WITH settled AS (
    UPDATE transcription SET status = ?, text = ?, error = ?, recording_bytes = ?, sent_bytes = ?, recording_ms = ?,
           sent_ms = ?, updated_at = now()
     WHERE call_sid = ? AND turn = ? AND status = 'pending'
    RETURNING call_sid, turn
)
SELECT pg_notify('transcription_settled', call_sid || ' ' || turn) FROM settled
