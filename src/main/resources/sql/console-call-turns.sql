SELECT turn, said, heard, created_at FROM call_turn WHERE call_sid = ? ORDER BY turn
