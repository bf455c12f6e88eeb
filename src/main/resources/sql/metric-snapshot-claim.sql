INSERT INTO metric_snapshot_claim (period) VALUES (?) ON CONFLICT (period) DO NOTHING
