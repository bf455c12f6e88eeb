-- Recommendations: turns the model read, and those where the dialogue still asked the same again (test calls left
-- out); ? = from
SELECT count(*) AS model_turns, count(*) FILTER (WHERE NOT t.understood) AS no_effect
  FROM call_turn t JOIN call_session s ON s.call_sid = t.call_sid AND NOT s.is_test
 WHERE t.created_at >= ? AND t.extractor = 'model'
