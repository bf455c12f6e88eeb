-- SloEngine: the daily compliance history of an SLO since ? (oldest first)
SELECT day, good, total, compliance, met FROM slo_daily WHERE slo = ? AND day >= ? ORDER BY day
