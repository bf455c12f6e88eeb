-- CostReport: calls with costs in the period (? = from, to), test calls left out; what they cost (reminders apart),
-- the appointments they booked and what the calls that booked cost
WITH spend AS (
    SELECT e.call_sid,
           coalesce(sum(e.usd) FILTER (WHERE e.item <> 'sms-reminder'), 0) AS usd,
           coalesce(sum(e.usd) FILTER (WHERE e.item = 'sms-reminder'), 0)  AS reminders_usd,
           count(*) FILTER (WHERE e.item = 'sms-reminder')                 AS reminders
      FROM cost_entry e JOIN call_session cs ON cs.call_sid = e.call_sid AND NOT cs.is_test
     WHERE e.created_at >= ? AND e.created_at < ?
     GROUP BY e.call_sid),
booked AS (
    SELECT a.call_sid, count(*) AS bookings FROM appointment a JOIN spend s ON s.call_sid = a.call_sid GROUP BY a.call_sid)
SELECT (SELECT count(*) FROM spend)                                                 AS calls,
       (SELECT coalesce(sum(usd), 0) FROM spend)                                    AS calls_amount,
       (SELECT coalesce(sum(bookings), 0) FROM booked)                              AS bookings,
       (SELECT coalesce(sum(s.usd), 0) FROM spend s JOIN booked b ON b.call_sid = s.call_sid) AS booked_amount,
       (SELECT coalesce(sum(reminders_usd), 0) FROM spend)                          AS reminders_amount,
       (SELECT coalesce(sum(reminders), 0) FROM spend)                              AS reminders
