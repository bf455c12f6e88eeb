SELECT n.id, n.appointment_id, n.kind, n.purpose, n.starts_at, n.previous_start, n.attempts,
       a.status AS appointment_status, lower(a.during) AS appointment_start, c.phone, c.name
  FROM notification n
  JOIN appointment a ON a.id = n.appointment_id
  JOIN customer c ON c.id = a.customer_id
 WHERE n.status = 'pending' AND n.due_at <= ? AND (n.purpose <> 'reminder' OR ?)
   AND (n.retry_at IS NULL OR n.retry_at <= now())
 ORDER BY n.due_at, n.id
 LIMIT 1
   FOR UPDATE OF n SKIP LOCKED
