-- calls by hour of the practice's day over the window (test calls left out): ? = zone, from
SELECT extract(hour FROM created_at AT TIME ZONE ?)::int AS hour, count(*) AS calls
  FROM call_session WHERE created_at >= ? AND NOT is_test GROUP BY 1 ORDER BY 1
