UPDATE service SET name = COALESCE(?, name), duration_minutes = COALESCE(?, duration_minutes), active = COALESCE(?, active)
 WHERE id = ?
RETURNING id, name, duration_minutes, active
