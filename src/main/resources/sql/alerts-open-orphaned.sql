-- open alerts of a per-instance source whose instance has stopped heartbeating (? = source, self, seen since)
SELECT * FROM alert a WHERE a.source = ? AND a.instance IS NOT NULL AND a.instance <> ? AND a.state <> 'resolved'
  AND NOT EXISTS (SELECT 1 FROM instance_heartbeat h WHERE h.instance_id = a.instance AND h.last_seen >= ?)
