package app.bella.events;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** One realistic payload (and its key) for every event type, as the domain would append them. */
final class SampleEvents {

    record Sample(String key, Map<String, Object> payload) {
    }

    private SampleEvents() {
    }

    static Sample of(EventType type) {
        String callSid = "CA0123456789abcdef0123456789abcdef";
        ZonedDateTime start = ZonedDateTime.of(2030, 4, 2, 9, 30, 0, 0, ZoneId.of("Europe/Berlin"));
        return switch (type) {
            case CALL_STARTED -> new Sample(callSid, map("callSid", callSid, "from", "+4915112345678", "step", "greeting"));
            case CALL_TURN -> new Sample(callSid, map("callSid", callSid, "step", "choose-slot", "turn", 3));
            case CALL_ENDED -> new Sample(callSid, map("callSid", callSid, "step", "goodbye", "outcome", "booked",
                    "durationSeconds", 94.5));
            case APPOINTMENT_BOOKED -> new Sample("appt-1", map("appointmentId", "appt-1", "callSid", callSid,
                    "customerId", "cust-7", "phone", "+4915112345678", "name", "Anna Schmidt", "start", start,
                    "end", start.plusMinutes(30), "durationMinutes", 30, "service", "check-up", "providerId", "dr-weber"));
            case APPOINTMENT_RESCHEDULED -> new Sample("appt-1", map("appointmentId", "appt-1", "customerId", "cust-7",
                    "previousStart", start.toOffsetDateTime(), "previousEnd", start.plusMinutes(30).toOffsetDateTime(),
                    "start", start.plusDays(1), "end", start.plusDays(1).plusMinutes(30), "durationMinutes", 30,
                    "providerId", "dr-weber"));
            case APPOINTMENT_CANCELLED -> new Sample("appt-1", map("appointmentId", "appt-1", "customerId", "cust-7",
                    "start", OffsetDateTime.parse("2030-04-03T09:30+02:00"), "cancelledBy", "caller", "reason", "ill"));
            case SMS_SENT -> new Sample("appt-1", map("appointmentId", "appt-1", "to", "+4915112345678",
                    "purpose", "confirmation", "messageSid", "SM0123456789abcdef0123456789abcdef", "segments", 1));
            case SMS_FAILED -> new Sample("appt-1", map("appointmentId", "appt-1", "to", "+4915112345678",
                    "purpose", "reminder", "errorCode", "30003", "error", "Unreachable destination handset"));
            case COST_INCURRED -> new Sample(callSid, map("callSid", callSid, "provider", "twilio", "item", "voice-minutes",
                    "quantity", 2, "unit", "minute", "usd", 0.034));
            case METRIC_SNAPSHOT -> new Sample("bookings.per.hour", map("metric", "bookings.per.hour", "value", 12.0,
                    "labels", map("practice", "main", "channel", "voice")));
            case SLA_BREACHED, SLA_RECOVERED -> new Sample("call-success", map("slo", "call-success", "target", 0.95,
                    "window", "fast", "severity", "critical", "burnRate", 16.0, "compliance", 0.93, "budgetRemaining", 0.4,
                    "at", "2025-10-08T16:00:00Z"));
            case ALERT_RAISED, ALERT_ACKNOWLEDGED, ALERT_RESOLVED -> new Sample("twilio-down", map("alertId", "alert-42",
                    "fingerprint", "twilio-down", "severity", "critical", "title", "Twilio unreachable",
                    "detail", "5 of the last 5 calls to the Twilio API failed"));
            case BUDGET_GUARD_SWITCHED -> new Sample("2025-10", map("month", "2025-10", "fromMode", "normal", "toMode", "saving",
                    "speech", "whisper", "model", true, "secondReminder", true, "spent", 45.5, "budget", 50.0,
                    "reason", "spend reached 91% of the budget", "at", "2025-10-20T16:00:00Z"));
        };
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
