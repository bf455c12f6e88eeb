UPDATE slo_state SET state = ?, severity = ?, window_name = ?, since = ? WHERE slo = ?
