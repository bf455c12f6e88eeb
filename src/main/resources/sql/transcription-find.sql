SELECT call_sid, turn, recording_sid, recording_url, duration_s, status, text, error FROM transcription
 WHERE call_sid = ? AND turn = ?
