SELECT state, status, outcome, created_at FROM call_session WHERE call_sid = ? FOR UPDATE
