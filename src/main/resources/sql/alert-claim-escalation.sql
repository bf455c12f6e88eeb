UPDATE alert SET escalation_level = ?, last_notified_at = ?
 WHERE id = ? AND state = 'raised' AND escalation_level = ?
RETURNING *
