-- a customer is matched by phone; a new name or preferred duration replaces the old one
INSERT INTO customer (phone, name, preferred_duration_minutes) VALUES (?, ?, ?)
ON CONFLICT (phone) DO UPDATE
   SET name = EXCLUDED.name,
       preferred_duration_minutes = COALESCE(EXCLUDED.preferred_duration_minutes, customer.preferred_duration_minutes),
       updated_at = now()
RETURNING id, phone, name, preferred_duration_minutes
