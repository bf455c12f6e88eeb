-- Recommendations: answered turns per step and speech engine, and how many were understood (test calls left out);
-- ? = from
SELECT t.step, t.engine, count(*) AS turns, count(*) FILTER (WHERE t.understood) AS understood
  FROM call_turn t JOIN call_session s ON s.call_sid = t.call_sid AND NOT s.is_test
 WHERE t.created_at >= ? AND t.engine IN ('twilio', 'whisper')
 GROUP BY 1, 2
