INSERT INTO cost_entry (call_sid, provider, item, quantity, unit, usd) VALUES (?, ?, ?, ?, ?, ?)
