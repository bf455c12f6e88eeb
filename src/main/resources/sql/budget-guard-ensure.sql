INSERT INTO budget_guard (month, mode, speech, model, second_reminder, reason, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (month) DO NOTHING
