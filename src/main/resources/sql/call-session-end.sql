-- CallCosts: the status callback's duration; ended_at is set once (? = duration, now, call sid). Returns the outcome,
-- the test flag, the seconds from the call's start to its last turn (a transfer starts there) and whether this was the
-- first report of the end.
WITH old AS (SELECT call_sid, ended_at FROM call_session WHERE call_sid = ? FOR UPDATE)
UPDATE call_session s
   SET duration_s = COALESCE(?, s.duration_s), ended_at = COALESCE(s.ended_at, ?)
  FROM old
 WHERE s.call_sid = old.call_sid
RETURNING s.outcome, s.is_test,
          (SELECT extract(epoch FROM max(t.created_at) - s.created_at)::int FROM call_turn t WHERE t.call_sid = s.call_sid),
          old.ended_at IS NULL
