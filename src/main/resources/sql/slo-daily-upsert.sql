-- SloEngine: the day's compliance (? = day, slo, good, total, compliance, target, met)
INSERT INTO slo_daily (day, slo, good, total, compliance, target, met) VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (day, slo) DO UPDATE SET good = excluded.good, total = excluded.total, compliance = excluded.compliance,
                                     target = excluded.target, met = excluded.met
