SELECT s.call_sid, s.from_phone, s.status, s.outcome, s.step, s.turn, s.is_test, s.appointment_id, s.created_at,
       s.state ->> 'name' AS name
  FROM call_session s
 ORDER BY s.created_at DESC
 LIMIT 30
