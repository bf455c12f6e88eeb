-- a new month starts from the last month's paths, so its return to normal is a recorded switch (? = month, now, month)
INSERT INTO budget_guard (month, mode, speech, model, second_reminder, reason, changed_at)
SELECT ?, mode, speech, model, second_reminder, 'carried over from ' || month, ? FROM budget_guard
 WHERE month < ? ORDER BY month DESC LIMIT 1
ON CONFLICT (month) DO NOTHING
