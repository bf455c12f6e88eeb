INSERT INTO appointment_confirmation (appointment_id, channel) VALUES (?, ?) ON CONFLICT (appointment_id) DO NOTHING
