-- windows not cancelled that end after ? (current and future), soonest first
SELECT * FROM maintenance_window WHERE cancelled_at IS NULL AND ends_at > ? ORDER BY starts_at, id LIMIT 200
