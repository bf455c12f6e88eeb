-- SloStore: adds good/total events to an SLO's minute (? = slo, minute, good, total)
INSERT INTO slo_minute (slo, minute, good, total) VALUES (?, ?, ?, ?)
ON CONFLICT (slo, minute) DO UPDATE SET good = slo_minute.good + excluded.good, total = slo_minute.total + excluded.total
