-- Budget guard: spend between two instants (the month on Bella's clock), all of it and the AI part (OpenAI)
SELECT COALESCE(sum(usd), 0) AS total, COALESCE(sum(usd) FILTER (WHERE provider = 'openai'), 0) AS ai
  FROM cost_entry WHERE created_at >= ? AND created_at < ?
