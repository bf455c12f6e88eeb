SELECT * FROM budget_guard_switch ORDER BY at DESC, id DESC LIMIT 20
