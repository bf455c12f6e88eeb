-- codes a number received since an instant, over all calls (the hourly cap)
SELECT count(*) FROM caller_verification WHERE phone = ? AND created_at > ?
