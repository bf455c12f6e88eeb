SELECT r.id, r.call_sid, r.phone, r.reason, r.created_at, s.state ->> 'name' AS name, s.is_test
  FROM callback_request r JOIN call_session s ON s.call_sid = r.call_sid
 ORDER BY r.created_at DESC
 LIMIT 30
