-- BusinessReport: has the daily trend been rolled up before (else it is backfilled)
SELECT EXISTS (SELECT 1 FROM business_daily)
