-- BusinessReport: calls and bookings per clock hour since ? (test calls left out); ? = from, from
WITH calls AS (
    SELECT date_trunc('hour', created_at) AS hour, count(*) AS calls
      FROM call_session WHERE created_at >= ? AND NOT is_test GROUP BY 1),
bookings AS (
    SELECT date_trunc('hour', a.created_at) AS hour, count(*) AS bookings
      FROM appointment a LEFT JOIN call_session s ON s.call_sid = a.call_sid
     WHERE a.created_at >= ? AND NOT coalesce(s.is_test, false) GROUP BY 1)
SELECT hour, coalesce(c.calls, 0) AS calls, coalesce(b.bookings, 0) AS bookings
  FROM calls c FULL JOIN bookings b USING (hour) ORDER BY hour
