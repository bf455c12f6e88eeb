UPDATE transcription SET status = ?, text = ?, error = ?, recording_bytes = ?, sent_bytes = ?, recording_ms = ?,
       sent_ms = ?, updated_at = now()
 WHERE call_sid = ? AND turn = ? AND status = 'pending'
