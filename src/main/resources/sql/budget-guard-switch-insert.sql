INSERT INTO budget_guard_switch (month, at, from_mode, to_mode, speech, model, second_reminder, reason)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
