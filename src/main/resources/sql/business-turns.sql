-- BusinessReport: answered turns in the window by what they expected, how they were heard and read (test calls left
-- out); ? = from
SELECT t.expected_slot, t.engine, t.extractor, count(*) AS turns, count(*) FILTER (WHERE t.understood) AS understood,
       count(*) FILTER (WHERE t.reasked) AS reasked, count(*) FILTER (WHERE t.corrected) AS corrected,
       count(t.confidence) AS with_confidence, coalesce(sum(t.confidence), 0) AS confidence_sum
  FROM call_turn t JOIN call_session s ON s.call_sid = t.call_sid AND NOT s.is_test
 WHERE t.created_at >= ? AND t.step IS NOT NULL
 GROUP BY 1, 2, 3
