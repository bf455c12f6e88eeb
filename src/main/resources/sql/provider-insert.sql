INSERT INTO provider (name, sort_order) VALUES (?, COALESCE(?, 0)) RETURNING id, name, sort_order, active
