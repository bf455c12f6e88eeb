SELECT (now() AT TIME ZONE ?)::date AS today
