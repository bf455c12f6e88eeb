-- open alerts of a per-instance source raised by this instance (? = source, instance)
SELECT * FROM alert WHERE source = ? AND instance = ? AND state <> 'resolved'
