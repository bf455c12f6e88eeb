-- BookingService.usualService: the still-offered service of the caller's latest appointment that was kept
-- (booked or completed; a cancelled one says nothing about what they usually come for)
SELECT s.name
  FROM appointment a JOIN customer c ON c.id = a.customer_id JOIN service s ON s.id = a.service_id
 WHERE c.phone = ? AND a.status IN ('booked', 'completed') AND s.active
 ORDER BY lower(a.during) DESC
 LIMIT 1
