-- BusinessReport: calls in the window and those that succeeded (the call-success SLO's outcomes); ? = outcomes, from
SELECT count(*) AS calls, count(*) FILTER (WHERE outcome = ANY (?)) AS succeeded
  FROM call_session WHERE created_at >= ? AND NOT is_test
