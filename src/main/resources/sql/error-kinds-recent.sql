-- errors by kind, the most recently seen first; ? = limit
SELECT route, exception, service, count, first_seen, last_seen, sample_id FROM error_kind ORDER BY last_seen DESC LIMIT ?
