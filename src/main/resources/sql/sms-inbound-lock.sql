SELECT pg_advisory_xact_lock(hashtext('sms_inbound'), hashtext(?))
