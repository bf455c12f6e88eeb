-- calls still talking (a call whose status callback never came is dropped after 30 minutes), with the caller's last words
SELECT s.call_sid, s.from_phone, s.step, s.turn, s.is_test, s.created_at, s.updated_at,
       (SELECT t.said FROM call_turn t WHERE t.call_sid = s.call_sid AND t.said IS NOT NULL ORDER BY t.turn DESC LIMIT 1) AS last_said
  FROM call_session s
 WHERE s.status = 'in-progress' AND s.updated_at > now() - interval '30 minutes'
 ORDER BY s.created_at DESC
 LIMIT 50
