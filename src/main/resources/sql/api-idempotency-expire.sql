DELETE FROM api_idempotency WHERE created_at < now() - make_interval(hours => ?)
