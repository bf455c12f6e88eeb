UPDATE budget_guard SET mode = ?, speech = ?, model = ?, second_reminder = ?, reason = ?, changed_at = ? WHERE month = ?
