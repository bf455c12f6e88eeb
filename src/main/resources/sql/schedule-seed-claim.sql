-- true exactly once per database: the first instance to start copies the configured hours and closures
INSERT INTO practice_setting (key, value) VALUES ('schedule.seeded', now()::text)
ON CONFLICT (key) DO NOTHING
RETURNING key
