SELECT * FROM alert WHERE fingerprint = ? AND state <> 'resolved' FOR UPDATE
