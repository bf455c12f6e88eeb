-- Budget guard (docs/costs.md): the paths in force for each month (every instance follows this row), the operator's
-- override, and every switch.
CREATE TABLE budget_guard (
    month           text        PRIMARY KEY,          -- YYYY-MM in the practice time zone
    mode            text        NOT NULL CHECK (mode IN ('normal', 'saving', 'exhausted')),
    speech          text        NOT NULL CHECK (speech IN ('twilio', 'whisper')),
    model           boolean     NOT NULL,
    second_reminder boolean     NOT NULL,
    reason          text        NOT NULL,
    changed_at      timestamptz NOT NULL
);

CREATE TABLE budget_guard_override (
    id         int         PRIMARY KEY CHECK (id = 1),
    mode       text        CHECK (mode IN ('normal', 'saving', 'exhausted')),   -- null: the guard decides
    budget     numeric(12, 2) CHECK (budget >= 0),                               -- null: the configured budget
    set_by     text,
    reason     text,
    set_at     timestamptz NOT NULL
);

CREATE TABLE budget_guard_switch (
    id              bigserial   PRIMARY KEY,
    month           text        NOT NULL,
    at              timestamptz NOT NULL,
    from_mode       text,
    to_mode         text        NOT NULL,
    speech          text        NOT NULL,
    model           boolean     NOT NULL,
    second_reminder boolean     NOT NULL,
    reason          text        NOT NULL
);
CREATE INDEX budget_guard_switch_at ON budget_guard_switch (at DESC);
