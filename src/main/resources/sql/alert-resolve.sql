UPDATE alert SET state = 'resolved', resolved_at = ?, resolution = ? WHERE id = ? AND state <> 'resolved' RETURNING *
