-- Baseline: the extension the booking tables need for their no-overlap exclusion constraint,
-- and practice-wide settings that operators change at run time.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE practice_setting (
    key        text PRIMARY KEY,
    value      text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
