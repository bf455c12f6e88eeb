INSERT INTO call_turn (call_sid, turn, said, heard, twiml) VALUES (?, ?, ?, ?, ?)
