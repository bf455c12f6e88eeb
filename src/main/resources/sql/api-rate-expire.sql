DELETE FROM api_rate WHERE principal = ? AND window_start < now() - make_interval(secs => ?)
