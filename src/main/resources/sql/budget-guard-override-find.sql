SELECT * FROM budget_guard_override WHERE id = 1
