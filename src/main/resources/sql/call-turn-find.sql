SELECT turn, said, heard, twiml FROM call_turn WHERE call_sid = ? AND turn = ?
