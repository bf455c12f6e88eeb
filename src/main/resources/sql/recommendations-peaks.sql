-- Recommendations: calls by practice weekday (ISO, 1 = Monday) and hour (test calls left out); ? = zone, zone, from
SELECT extract(isodow FROM created_at AT TIME ZONE ?)::int AS dow, extract(hour FROM created_at AT TIME ZONE ?)::int AS hour,
       count(*) AS calls
  FROM call_session WHERE created_at >= ? AND NOT is_test GROUP BY 1, 2
