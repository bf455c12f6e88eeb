INSERT INTO closure (day, reason) VALUES (?, ?)
