UPDATE provider SET name = COALESCE(?, name), sort_order = COALESCE(?, sort_order), active = COALESCE(?, active)
 WHERE id = ?
RETURNING id, name, sort_order, active
