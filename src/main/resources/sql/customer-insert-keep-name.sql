-- a customer is matched by phone; an existing customer keeps its name (the caller could not prove the number is theirs)
INSERT INTO customer (phone, name, preferred_duration_minutes) VALUES (?, ?, ?)
ON CONFLICT (phone) DO UPDATE
   SET updated_at = customer.updated_at
RETURNING id, phone, name, preferred_duration_minutes
