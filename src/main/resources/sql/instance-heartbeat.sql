-- Heartbeats: this instance is alive (? = id, host, ready, detail, started, now)
INSERT INTO instance_heartbeat (instance_id, host, ready, detail, started_at, last_seen) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (instance_id) DO UPDATE SET ready = excluded.ready, detail = excluded.detail, last_seen = excluded.last_seen
