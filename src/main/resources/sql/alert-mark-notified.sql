-- an alert notified outside the pipeline (the database-down notice): ? = first notified, last notified, id
UPDATE alert SET first_notified_at = ?, last_notified_at = ? WHERE id = ? RETURNING *
