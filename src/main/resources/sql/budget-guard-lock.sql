SELECT * FROM budget_guard WHERE month = ? FOR UPDATE
