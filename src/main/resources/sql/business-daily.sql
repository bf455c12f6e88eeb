-- BusinessReport: the daily trend kept by the roll-up; ? = first day
SELECT day, calls, succeeded, bookings, phone_bookings, turns, reasked, corrected, cost, booked_cost
  FROM business_daily WHERE day >= ? ORDER BY day
