-- what the console shows, fingerprinted cheaply: a change of any value means "refetch that panel"
SELECT (SELECT coalesce(max(updated_at)::text, '') || count(*) FROM appointment)                   AS appointments,
       (SELECT coalesce(max(updated_at)::text, '') || count(*) FROM call_session)                  AS calls,
       (SELECT coalesce(max(greatest(last_seen, acknowledged_at, resolved_at))::text, '') || count(*) || ':' ||
               (SELECT coalesce(max(updated_at)::text, '') FROM alert_delivery) FROM alert)        AS alerts,
       (SELECT coalesce(max(id), 0)::text FROM callback_request)                                  AS callbacks
