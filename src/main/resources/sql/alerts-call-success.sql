-- AlertRules: finished calls created within the window (database time, as the rows are stamped) and the successful ones
SELECT count(*) AS total,
       count(*) FILTER (WHERE outcome IN ('booked', 'rescheduled', 'cancelled', 'completed')) AS succeeded
  FROM call_session
 WHERE status <> 'in-progress' AND created_at >= now() - make_interval(mins => ?)
