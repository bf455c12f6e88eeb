INSERT INTO appointment (customer_id, provider_id, service_id, call_sid, during, status)
VALUES (?, ?, ?, ?, tstzrange(?, ?, '[)'), 'booked')
RETURNING id
