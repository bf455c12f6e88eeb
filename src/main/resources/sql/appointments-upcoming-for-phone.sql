SELECT a.id, a.call_sid, c.name, c.phone, lower(a.during) AS starts, upper(a.during) AS ends, s.name AS service,
       a.status, a.provider_id, a.customer_id
  FROM appointment a JOIN customer c ON c.id = a.customer_id JOIN service s ON s.id = a.service_id
 WHERE c.phone = ? AND a.status = 'booked' AND upper(a.during) > ?
 ORDER BY lower(a.during)
 LIMIT ?
