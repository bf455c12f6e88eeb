-- NotificationDispatcher, step 1 (claim): the claimed row is committed as 'sending' before Twilio is asked; the
-- returned claimed_at identifies this claim when its outcome is recorded. The claim holds the appointment's row lock,
-- and this statement's fresh snapshot sees every text of the appointment that another sender committed as 'sending'
-- before that lock was had: then nothing is returned and the claim is rolled back (one appointment's texts in order)
UPDATE notification SET status = 'sending', claimed_at = now(), updated_at = now()
 WHERE id = ?
   AND NOT EXISTS (SELECT 1 FROM notification s WHERE s.appointment_id = ? AND s.status = 'sending')
RETURNING claimed_at
