-- One business-metric snapshot per period across every Bella instance: the instance that claims the period publishes.
CREATE TABLE metric_snapshot_claim (
    period     timestamptz PRIMARY KEY,
    claimed_at timestamptz NOT NULL DEFAULT now()
);
