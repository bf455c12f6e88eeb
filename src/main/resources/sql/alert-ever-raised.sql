SELECT EXISTS (SELECT 1 FROM alert WHERE fingerprint = ?)
