-- BusinessReport: the daily trend from ? on (practice days, test calls left out), written over what was there.
-- ? = zone, outcomes that count as success, from | zone, from | zone, from | zone, from | now
WITH calls AS (
    SELECT (created_at AT TIME ZONE ?)::date AS day, count(*) AS calls, count(*) FILTER (WHERE outcome = ANY (?)) AS succeeded
      FROM call_session WHERE created_at >= ? AND NOT is_test GROUP BY 1),
bookings AS (
    SELECT (a.created_at AT TIME ZONE ?)::date AS day, count(*) AS bookings, count(a.call_sid) AS phone_bookings
      FROM appointment a LEFT JOIN call_session s ON s.call_sid = a.call_sid
     WHERE a.created_at >= ? AND NOT coalesce(s.is_test, false) GROUP BY 1),
turns AS (
    SELECT (t.created_at AT TIME ZONE ?)::date AS day, count(*) AS turns, count(*) FILTER (WHERE t.reasked) AS reasked,
           count(*) FILTER (WHERE t.corrected) AS corrected
      FROM call_turn t JOIN call_session s ON s.call_sid = t.call_sid AND NOT s.is_test
     WHERE t.created_at >= ? AND t.step IS NOT NULL GROUP BY 1),
costs AS (
    SELECT (e.created_at AT TIME ZONE ?)::date AS day, sum(e.usd) AS cost,
           coalesce(sum(e.usd) FILTER (WHERE e.item <> 'sms-reminder'
                                         AND EXISTS (SELECT 1 FROM appointment a WHERE a.call_sid = e.call_sid)), 0) AS booked_cost
      FROM cost_entry e LEFT JOIN call_session s ON s.call_sid = e.call_sid
     WHERE e.created_at >= ? AND NOT coalesce(s.is_test, false) GROUP BY 1),
days AS (
    SELECT day FROM calls UNION SELECT day FROM bookings UNION SELECT day FROM turns UNION SELECT day FROM costs)
INSERT INTO business_daily (day, calls, succeeded, bookings, phone_bookings, turns, reasked, corrected, cost, booked_cost, updated_at)
SELECT d.day, coalesce(c.calls, 0), coalesce(c.succeeded, 0), coalesce(b.bookings, 0), coalesce(b.phone_bookings, 0),
       coalesce(t.turns, 0), coalesce(t.reasked, 0), coalesce(t.corrected, 0), coalesce(k.cost, 0), coalesce(k.booked_cost, 0), ?
  FROM days d LEFT JOIN calls c USING (day) LEFT JOIN bookings b USING (day) LEFT JOIN turns t USING (day)
       LEFT JOIN costs k USING (day)
ON CONFLICT (day) DO UPDATE SET calls = EXCLUDED.calls, succeeded = EXCLUDED.succeeded, bookings = EXCLUDED.bookings,
       phone_bookings = EXCLUDED.phone_bookings, turns = EXCLUDED.turns, reasked = EXCLUDED.reasked,
       corrected = EXCLUDED.corrected, cost = EXCLUDED.cost, booked_cost = EXCLUDED.booked_cost, updated_at = EXCLUDED.updated_at
