-- OutboxMetrics: unpublished rows, and the age in seconds of the oldest one (0 when there is none)
SELECT count(*) AS backlog,
       COALESCE(GREATEST(EXTRACT(EPOCH FROM now() - (SELECT occurred_at FROM outbox_event
                                                     WHERE published_at IS NULL ORDER BY id LIMIT 1)), 0), 0)
           AS oldest_age_seconds
FROM outbox_event
WHERE published_at IS NULL
