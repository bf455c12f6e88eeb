INSERT INTO budget_guard_override (id, mode, budget, set_by, reason, set_at) VALUES (1, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET mode = excluded.mode, budget = excluded.budget, set_by = excluded.set_by,
    reason = excluded.reason, set_at = excluded.set_at
