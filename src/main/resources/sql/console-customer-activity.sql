-- customers by latest booking activity, with their counts; ? = now (Bella's clock)
SELECT c.id, c.name, c.phone, count(a.id) AS appointments,
       count(a.id) FILTER (WHERE a.status = 'booked' AND upper(a.during) > ?) AS upcoming,
       max(a.updated_at) AS last_activity
  FROM customer c JOIN appointment a ON a.customer_id = c.id
 GROUP BY c.id
 ORDER BY max(a.updated_at) DESC
 LIMIT 20
