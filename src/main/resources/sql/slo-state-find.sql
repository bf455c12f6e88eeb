SELECT state, severity, window_name, since FROM slo_state WHERE slo = ? FOR UPDATE
