-- Heartbeats: instances seen since ? (newest first)
SELECT instance_id, host, ready, detail, started_at, last_seen FROM instance_heartbeat WHERE last_seen >= ? ORDER BY last_seen DESC
