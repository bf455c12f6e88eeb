SELECT day, reason FROM closure ORDER BY day
