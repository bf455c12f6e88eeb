-- per practice day over the window (test calls left out): ? = zone, from, zone, from, zone, from
WITH calls AS (
    SELECT (created_at AT TIME ZONE ?)::date AS day, count(*) AS calls,
           count(*) FILTER (WHERE outcome IN ('booked', 'rescheduled', 'cancelled', 'completed')) AS succeeded
      FROM call_session WHERE created_at >= ? AND NOT is_test GROUP BY 1),
bookings AS (
    SELECT (a.created_at AT TIME ZONE ?)::date AS day, count(*) AS bookings
      FROM appointment a LEFT JOIN call_session s ON s.call_sid = a.call_sid
     WHERE a.created_at >= ? AND NOT coalesce(s.is_test, false) GROUP BY 1),
costs AS (
    SELECT (e.created_at AT TIME ZONE ?)::date AS day, sum(e.usd) AS usd
      FROM cost_entry e LEFT JOIN call_session s ON s.call_sid = e.call_sid
     WHERE e.created_at >= ? AND NOT coalesce(s.is_test, false) GROUP BY 1)
SELECT day, coalesce(calls.calls, 0) AS calls, coalesce(calls.succeeded, 0) AS succeeded,
       coalesce(bookings.bookings, 0) AS bookings, coalesce(costs.usd, 0) AS usd
  FROM calls FULL JOIN bookings USING (day) FULL JOIN costs USING (day)
 ORDER BY day
