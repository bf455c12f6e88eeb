-- serialises the creation of the first admin key between instances starting together on an empty database
SELECT pg_advisory_xact_lock(hashtext('bella.api.first-admin-key'))
