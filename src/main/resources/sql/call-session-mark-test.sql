-- CallCosts: a call placed to try Bella (console, operator's number): left out of costs, metrics and service levels
UPDATE call_session SET is_test = true WHERE call_sid = ?
