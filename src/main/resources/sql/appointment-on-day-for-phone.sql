-- the caller's booked appointment that starts on a given day (a half-open range of instants) and has not ended yet
SELECT a.id, a.call_sid, c.name, c.phone, lower(a.during) AS starts, upper(a.during) AS ends, s.name AS service,
       a.status, a.provider_id, a.customer_id
  FROM appointment a JOIN customer c ON c.id = a.customer_id JOIN service s ON s.id = a.service_id
 WHERE c.phone = ? AND a.status = 'booked' AND upper(a.during) > ?
   AND lower(a.during) >= ? AND lower(a.during) < ?
 ORDER BY lower(a.during)
 LIMIT 1
