-- a repeat of an open alert: one more occurrence; severity, title and detail follow the latest raise
UPDATE alert SET count = count + 1, last_seen = ?, severity = ?, title = ?, detail = ? WHERE id = ? RETURNING *
