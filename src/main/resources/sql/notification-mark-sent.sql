-- NotificationDispatcher, step 3: Twilio accepted the message of this claim; also corrects the
-- "outcome unknown" failure another instance's sweep may have written meanwhile. No row when the
-- claim was replaced (a reminder re-planned) or is recorded already.
UPDATE notification SET status = 'sent', attempts = attempts + ?, message_sid = ?, sent_at = ?, last_error = NULL,
       updated_at = now()
 WHERE id = ? AND claimed_at = ? AND (status = 'sending' OR (status = 'failed' AND last_error = ?))
