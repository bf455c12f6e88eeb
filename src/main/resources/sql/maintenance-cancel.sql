UPDATE maintenance_window SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL RETURNING *
