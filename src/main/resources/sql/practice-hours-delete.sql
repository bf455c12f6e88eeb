DELETE FROM practice_hours
