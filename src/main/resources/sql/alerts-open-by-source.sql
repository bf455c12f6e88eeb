SELECT * FROM alert WHERE source = ? AND state <> 'resolved'
