INSERT INTO sms_inbound (message_sid, from_phone, command, appointment_id, reply) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (message_sid) DO NOTHING
