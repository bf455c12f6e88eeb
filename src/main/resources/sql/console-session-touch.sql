UPDATE console_session SET last_seen = now(), expires_at = now() + make_interval(secs => ?) WHERE token_hash = ?
