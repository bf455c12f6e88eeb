SELECT status FROM appointment WHERE id = ? FOR UPDATE
