INSERT INTO notification_event (event_id, type) VALUES (?, ?) ON CONFLICT (event_id) DO NOTHING
