DELETE FROM console_session WHERE expires_at < now()
