-- SloStore: a ready instance answered in this minute: the minute is up, whichever instance says so first
INSERT INTO slo_minute (slo, minute, good, total) VALUES ('availability', ?, 1, 1)
ON CONFLICT (slo, minute) DO UPDATE SET good = 1, total = 1
