-- outbox-prune route: published rows older than the retention (hours, header retentionHours)
DELETE FROM outbox_event
WHERE published_at IS NOT NULL
  AND published_at < now() - make_interval(hours => CAST(:#retentionHours AS int))
