SELECT id FROM provider WHERE active ORDER BY sort_order, id
