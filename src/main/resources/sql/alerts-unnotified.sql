-- raised alerts the pipeline never notified although they are older than the catch-up delay (lost group, Kafka down)
SELECT * FROM alert WHERE state = 'raised' AND first_notified_at IS NULL AND first_seen <= ? ORDER BY id LIMIT 100
