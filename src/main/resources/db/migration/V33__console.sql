-- The operations console: signed-in sessions (only the SHA-256 of the cookie is stored, so a database dump cannot
-- be replayed), shared by every instance; and test calls, marked so business metrics and costs can leave them out.
CREATE TABLE console_session (
    token_hash bytea PRIMARY KEY,
    csrf_token text        NOT NULL,
    principal  text        NOT NULL,
    api_key_id bigint REFERENCES api_key (id),  -- null for the bootstrap key; a revoked key ends its sessions
    scope      text        NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
    created_at timestamptz NOT NULL DEFAULT now(),
    last_seen  timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
CREATE INDEX console_session_expires ON console_session (expires_at);

ALTER TABLE call_session ADD COLUMN IF NOT EXISTS is_test boolean NOT NULL DEFAULT false;
