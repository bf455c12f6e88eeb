SELECT reply FROM sms_inbound WHERE message_sid = ?
