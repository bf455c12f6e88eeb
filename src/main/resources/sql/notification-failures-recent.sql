SELECT count(*) FROM notification WHERE status = 'failed' AND updated_at >= ?
