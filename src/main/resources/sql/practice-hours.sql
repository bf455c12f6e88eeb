SELECT weekday, opens, closes FROM practice_hours ORDER BY weekday, opens
