DELETE FROM console_session WHERE token_hash = ? OR expires_at < now()
