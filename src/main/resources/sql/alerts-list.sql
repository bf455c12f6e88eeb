-- GET /api/alerts: newest first, optionally one state
SELECT * FROM alert WHERE (?::text IS NULL OR state = ?) ORDER BY last_seen DESC, id DESC LIMIT ?
