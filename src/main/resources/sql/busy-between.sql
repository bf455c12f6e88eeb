SELECT provider_id, lower(during) AS starts, upper(during) AS ends
  FROM appointment
 WHERE status = 'booked' AND during && tstzrange(?, ?, '[)')
