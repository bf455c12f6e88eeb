-- CostReport: the ledger of a period (? = from, to; Bella's clock) by item, test calls left out
SELECT e.provider, e.item, e.unit, sum(e.quantity) AS quantity, sum(e.usd) AS amount, count(*) AS entries
  FROM cost_entry e LEFT JOIN call_session cs ON cs.call_sid = e.call_sid
 WHERE e.created_at >= ? AND e.created_at < ? AND NOT coalesce(cs.is_test, false)
 GROUP BY e.provider, e.item, e.unit
 ORDER BY amount DESC
