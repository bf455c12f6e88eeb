UPDATE call_session
   SET status = ?, outcome = ?, step = ?, turn = ?, state = ?::jsonb, appointment_id = ?, updated_at = now()
 WHERE call_sid = ?
