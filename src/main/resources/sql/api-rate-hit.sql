-- adds an instance's count to the caller's current window; returns the total and the seconds left in the window
INSERT INTO api_rate AS r (principal, window_start, requests)
VALUES (?, to_timestamp(floor(extract(epoch FROM now()) / ?) * ?), ?)
ON CONFLICT (principal, window_start) DO UPDATE SET requests = r.requests + ?
RETURNING requests, ceil(extract(epoch FROM (window_start + make_interval(secs => ?) - now())))::int AS retry_after
