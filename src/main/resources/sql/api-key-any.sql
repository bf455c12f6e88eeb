-- once any key has been created the API is closed, even if every key is revoked later
SELECT EXISTS (SELECT 1 FROM api_key)
