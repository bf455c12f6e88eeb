-- AlertRules: spend of the current calendar month in the practice's time zone, and that month (YYYY-MM)
WITH m AS (SELECT date_trunc('month', now() AT TIME ZONE ?) AS local_start, ?::text AS zone)
SELECT COALESCE((SELECT sum(usd) FROM cost_entry, m WHERE created_at >= (m.local_start AT TIME ZONE m.zone)), 0) AS usd,
       (SELECT to_char(local_start, 'YYYY-MM') FROM m) AS month
