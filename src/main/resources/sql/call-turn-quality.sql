-- what an answered turn says about understanding (TurnQuality); ? = step .. corrected, call_sid, turn
UPDATE call_turn SET step = ?, next_step = ?, engine = ?, extractor = ?, confidence = ?, expected_slot = ?,
                     understood = ?, reasked = ?, corrected = ?
 WHERE call_sid = ? AND turn = ?
