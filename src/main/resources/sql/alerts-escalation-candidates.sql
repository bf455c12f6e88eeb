-- notified critical/high alerts nobody acknowledged yet, not fully escalated
SELECT * FROM alert
 WHERE state = 'raised' AND severity IN ('critical', 'high') AND first_notified_at IS NOT NULL
   AND escalation_level < 2 AND source <> 'test'
