SELECT id, name, sort_order, active FROM provider WHERE (?::boolean IS NULL OR active = ?) ORDER BY sort_order, id
