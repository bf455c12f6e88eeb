-- SloStore: good and total events of an SLO in [from, to) (? = slo, from, to)
SELECT coalesce(sum(good), 0) AS good, coalesce(sum(total), 0) AS total, count(*) AS minutes
  FROM slo_minute WHERE slo = ? AND minute >= ? AND minute < ?
