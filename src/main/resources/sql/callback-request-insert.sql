INSERT INTO callback_request (call_sid, phone, reason) VALUES (?, ?, ?)
