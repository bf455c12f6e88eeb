-- a turn's call, read without a lock, with the TwiML of that turn if it was answered already (a retried webhook)
-- ? = turn, call_sid
SELECT s.state, s.status, s.outcome, s.created_at, t.twiml AS answered
  FROM call_session s
  LEFT JOIN call_turn t ON t.call_sid = s.call_sid AND t.turn = ?
 WHERE s.call_sid = ?
