SELECT provider, item, sum(quantity) AS quantity, min(unit) AS unit, sum(usd) AS usd
  FROM cost_entry WHERE call_sid = ? GROUP BY provider, item ORDER BY provider, item
