-- the outcome the dialogue recorded stays; a call that ended without one was abandoned (or failed)
UPDATE call_session
   SET status = ?, outcome = COALESCE(outcome, ?), updated_at = now()
 WHERE call_sid = ?
