-- CallCosts: what an SMS was for (confirmation, reminder…) and the call that booked its appointment
SELECT n.purpose, n.appointment_id, a.call_sid
  FROM notification n JOIN appointment a ON a.id = n.appointment_id
 WHERE n.message_sid = ?
