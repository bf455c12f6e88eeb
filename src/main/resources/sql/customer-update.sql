-- absent fields keep their value; the third pair sets (possibly clears) the preferred duration when flagged
UPDATE customer
   SET name = COALESCE(?, name),
       phone = COALESCE(?, phone),
       preferred_duration_minutes = CASE WHEN ? THEN ?::int ELSE preferred_duration_minutes END,
       updated_at = now()
 WHERE id = ?
RETURNING id, phone, name, preferred_duration_minutes
