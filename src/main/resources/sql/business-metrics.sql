-- the practice's business at a glance; ? = now, start of today (practice zone), start of this month (practice zone)
SELECT (SELECT count(*) FROM call_session WHERE created_at >= ?::timestamptz - interval '1 hour')                      AS calls_last_hour,
       (SELECT count(*) FROM call_session WHERE created_at >= ?::timestamptz - interval '1 hour'
                                            AND outcome IN ('booked', 'rescheduled', 'cancelled', 'completed'))     AS calls_succeeded_last_hour,
       (SELECT count(*) FROM appointment WHERE created_at >= ?)                                                   AS bookings_today,
       (SELECT count(*) FROM appointment WHERE status = 'booked' AND upper(during) > ?)                             AS upcoming_appointments,
       (SELECT coalesce(sum(usd), 0) FROM cost_entry WHERE created_at >= ?)                                       AS spend_month_usd
