INSERT INTO practice_hours (weekday, opens, closes) VALUES (?, ?, ?)
