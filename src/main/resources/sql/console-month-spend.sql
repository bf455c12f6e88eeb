SELECT coalesce(sum(e.usd), 0) FROM cost_entry e LEFT JOIN call_session s ON s.call_sid = e.call_sid
 WHERE e.created_at >= ? AND NOT coalesce(s.is_test, false)
