-- AlertService: serialises raises of one fingerprint across transactions and instances (released at commit)
SELECT pg_advisory_xact_lock(hashtext(?))
