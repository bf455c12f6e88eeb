-- Recommendations: the ledger of the window by item (test calls left out); ? = from
SELECT e.item, count(*) AS entries, sum(e.usd) AS amount
  FROM cost_entry e LEFT JOIN call_session s ON s.call_sid = e.call_sid
 WHERE e.created_at >= ? AND NOT coalesce(s.is_test, false)
 GROUP BY e.item
