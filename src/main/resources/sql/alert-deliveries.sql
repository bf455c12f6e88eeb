SELECT id, alert_id, channel, kind, status, attempts, last_error, created_at, updated_at
  FROM alert_delivery WHERE alert_id = ANY (?) ORDER BY id
