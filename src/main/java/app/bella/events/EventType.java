package app.bella.events;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Bella's domain events: the wire name in the envelope's {@code type}, and the stream (topic) they go to. */
public enum EventType {
    CALL_STARTED("call.started", EventStream.CALLS),
    CALL_ENDED("call.ended", EventStream.CALLS),
    CALL_TURN("call.turn", EventStream.CALLS),
    APPOINTMENT_BOOKED("appointment.booked", EventStream.BOOKINGS),
    APPOINTMENT_RESCHEDULED("appointment.rescheduled", EventStream.BOOKINGS),
    APPOINTMENT_CANCELLED("appointment.cancelled", EventStream.BOOKINGS),
    SMS_SENT("sms.sent", EventStream.BOOKINGS),
    SMS_FAILED("sms.failed", EventStream.BOOKINGS),
    COST_INCURRED("cost.incurred", EventStream.COSTS),
    METRIC_SNAPSHOT("metric.snapshot", EventStream.METRICS),
    SLA_BREACHED("sla.breached", EventStream.METRICS),
    SLA_RECOVERED("sla.recovered", EventStream.METRICS),
    ALERT_RAISED("alert.raised", EventStream.ALERTS),
    ALERT_ACKNOWLEDGED("alert.acknowledged", EventStream.ALERTS),
    ALERT_RESOLVED("alert.resolved", EventStream.ALERTS),
    BUDGET_GUARD_SWITCHED("budget.guard-switched", EventStream.COSTS);

    private static final Map<String, EventType> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));

    private final String wireName;
    private final EventStream stream;

    EventType(String wireName, EventStream stream) {
        this.wireName = wireName;
        this.stream = stream;
    }

    public String wireName() {
        return wireName;
    }

    public EventStream stream() {
        return stream;
    }

    public static EventType fromWireName(String wireName) {
        EventType type = BY_WIRE_NAME.get(wireName);
        if (type == null) {
            throw new IllegalArgumentException("Unknown event type " + wireName);
        }
        return type;
    }
}
