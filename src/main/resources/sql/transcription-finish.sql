UPDATE transcription SET status = ?, text = ?, error = ?, updated_at = now()
 WHERE call_sid = ? AND turn = ? AND status = 'pending'
