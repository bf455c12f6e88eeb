-- speech and understanding over the window (test calls left out): ? = from
SELECT count(*) AS calls,
       count(*) FILTER (WHERE (state ->> 'sttFellBack')::boolean) AS stt_fell_back,
       count(*) FILTER (WHERE state ->> 'stt' = 'whisper') AS whisper_calls,
       coalesce(avg(turn) FILTER (WHERE outcome = 'booked'), 0) AS turns_per_booking,
       count(*) FILTER (WHERE outcome IS NULL AND status <> 'in-progress') AS ended_mid_flow
  FROM call_session WHERE created_at >= ? AND NOT is_test
