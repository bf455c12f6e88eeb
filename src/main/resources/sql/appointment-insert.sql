-- no row back = the exclusion constraint refused it (another booking holds an overlapping range on this provider)
INSERT INTO appointment (customer_id, provider_id, service_id, call_sid, during, status)
VALUES (?, ?, ?, ?, tstzrange(?, ?, '[)'), 'booked')
ON CONFLICT DO NOTHING
RETURNING id
