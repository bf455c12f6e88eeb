SELECT id, name, sort_order, active FROM provider WHERE id = ?
