package app.bella.notify;

import app.bella.support.Phones;

import app.bella.events.EventType;
import app.bella.events.OutboxWriter;
import app.bella.support.Sql;
import com.twilio.rest.api.v2010.account.Message;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the notifications that are due, one at a time, each in its own transaction: the row is claimed with
 * {@code FOR UPDATE SKIP LOCKED} (so several instances never send the same one), checked against the appointment as
 * it is now, sent through the notify-sms-send route (circuit breaker, retries), and marked sent or failed together
 * with its {@code sms.sent} / {@code sms.failed} event. Called by the notify-dispatch timer route.
 */
public final class NotificationDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);
    static final String SEND_ENDPOINT = "direct:notify-sms-send";

    private final CamelContext camel;
    private final DataSource dataSource;
    private final OutboxWriter events;
    private final ReminderPolicy policy;
    private final SmsTexts texts;
    private final Clock clock;
    private final int batchSize;
    private java.util.function.Predicate<String> reminderDropped = kind -> false;
    private volatile ProducerTemplate template;
    private volatile boolean breakerOpenReported;

    public NotificationDispatcher(CamelContext camel, DataSource dataSource, OutboxWriter events, ReminderPolicy policy,
                                  SmsTexts texts, Clock clock, int batchSize) {
        this.camel = camel;
        this.dataSource = dataSource;
        this.events = events;
        this.policy = policy;
        this.texts = texts;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** Reminders of these kinds are skipped when due (the budget guard drops the second reminder at 100 %). */
    public NotificationDispatcher droppingReminders(java.util.function.Predicate<String> dropped) {
        this.reminderDropped = dropped;
        return this;
    }

    /** One claimed row with the appointment and customer as they are now. */
    record Due(long id, long appointmentId, String kind, String purpose, Instant startsAt, Instant previousStart,
               String appointmentStatus, Instant appointmentStart, String phone, String name) {
    }

    /** Sends up to the batch size of due notifications; returns how many rows were settled (sent, failed, skipped). */
    public int dispatch() throws SQLException {
        int settled = 0;
        while (settled < batchSize) {
            Optional<Boolean> progress = dispatchOne();
            if (progress.isEmpty() || !progress.get()) {
                break;
            }
            settled++;
        }
        return settled;
    }

    /** Empty when nothing is due; false when the breaker is open (the row stays pending); true otherwise. */
    Optional<Boolean> dispatchOne() throws SQLException {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<Due> claimed = claim(c, now, !policy.isQuiet(now));
                if (claimed.isEmpty()) {
                    c.commit();
                    return Optional.empty();
                }
                boolean settled = handle(c, claimed.get(), now);
                if (settled) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return Optional.of(settled);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private boolean handle(Connection c, Due due, Instant now) throws SQLException {
        if (!due.appointmentStart().isAfter(now)) {
            skip(c, due, "appointment already started");
            return true;
        }
        if (!"cancellation".equals(due.purpose()) && !"booked".equals(due.appointmentStatus())) {
            skip(c, due, "appointment " + due.appointmentStatus());
            return true;
        }
        if (!due.purpose().equals("cancellation") && !due.purpose().equals("confirmation")
                && !due.appointmentStart().equals(due.startsAt())) {
            if (due.purpose().equals("reschedule")) {
                skip(c, due, "superseded: the appointment moved again");
                return true;
            }
            // a reminder for a time the appointment no longer has (its reschedule event is still on its way)
            Optional<ReminderPolicy.Reminder> again = policy.plan(due.appointmentStart(), now).stream()
                    .filter(r -> r.kind().equals(due.kind())).findFirst();
            if (again.isEmpty()) {
                skip(c, due, "too close to the appointment");
            } else {
                try (PreparedStatement ps = c.prepareStatement(Sql.get("notification-replan"))) {
                    ps.setTimestamp(1, Timestamp.from(due.appointmentStart()));
                    ps.setTimestamp(2, Timestamp.from(again.get().dueAt()));
                    ps.setLong(3, due.id());
                    ps.executeUpdate();
                }
            }
            return true;
        }
        if (due.kind().startsWith("reminder-") && reminderDropped.test(due.kind())) {
            skip(c, due, "budget exhausted: optional reminder dropped");
            return true;
        }
        return send(c, due, text(due, now), now);
    }

    String text(Due due, Instant now) {
        return switch (due.purpose()) {
            case "confirmation" -> texts.confirmation(due.name(), due.appointmentStart(), now);
            case "reschedule" -> texts.reschedule(due.name(), due.previousStart(), due.startsAt(), now);
            case "cancellation" -> texts.cancellation(due.name(), due.startsAt());
            default -> texts.reminder(due.name(), due.appointmentStart(), now);
        };
    }

    private boolean send(Connection c, Due due, String body, Instant now) throws SQLException {
        Exchange result = template().send(SEND_ENDPOINT, exchange -> {
            exchange.getMessage().setBody(body);
            exchange.getMessage().setHeader("to", due.phone());
        });
        Exception failure = result.getException();
        int attempts = 1 + result.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        if (failure != null && SmsFailures.isBreakerOpen(failure)) {
            if (!breakerOpenReported) {
                breakerOpenReported = true;
                LOG.warn("Twilio circuit breaker is open: customer SMS wait until it lets calls through again");
            }
            return false;
        }
        breakerOpenReported = false;
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("appointmentId", String.valueOf(due.appointmentId()));
        payload.put("to", due.phone());
        payload.put("purpose", due.purpose());
        if (failure == null) {
            Message message = result.getMessage().getBody(Message.class);
            String sid = message == null || message.getSid() == null ? "unknown" : message.getSid();
            try (PreparedStatement ps = c.prepareStatement(Sql.get("notification-mark-sent"))) {
                ps.setInt(1, attempts);
                ps.setString(2, sid);
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setLong(4, due.id());
                ps.executeUpdate();
            }
            payload.put("messageSid", sid);
            Integer segments = segments(message);
            if (segments != null) {
                payload.put("segments", segments);
            }
            events.append(c, EventType.SMS_SENT, "appointment-" + due.appointmentId(), payload);
            LOG.info("SMS {} for appointment {} sent to {} ({}, {} attempt(s))", due.kind(), due.appointmentId(),
                    Phones.mask(due.phone()), sid, attempts);
        } else {
            String error = SmsFailures.describe(failure);
            try (PreparedStatement ps = c.prepareStatement(Sql.get("notification-mark-failed"))) {
                ps.setInt(1, attempts);
                ps.setString(2, error);
                ps.setLong(3, due.id());
                ps.executeUpdate();
            }
            String code = SmsFailures.errorCode(failure);
            if (code != null) {
                payload.put("errorCode", code);
            }
            payload.put("error", error);
            events.append(c, EventType.SMS_FAILED, "appointment-" + due.appointmentId(), payload);
            LOG.warn("SMS {} for appointment {} to {} failed after {} attempt(s): {}", due.kind(), due.appointmentId(),
                    Phones.mask(due.phone()), attempts, error);
        }
        return true;
    }

    private static Integer segments(Message message) {
        try {
            return message == null || message.getNumSegments() == null ? null : Integer.valueOf(message.getNumSegments());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void skip(Connection c, Due due, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("notification-skip"))) {
            ps.setString(1, reason);
            ps.setLong(2, due.id());
            ps.executeUpdate();
        }
        LOG.info("SMS {} for appointment {} not sent: {}", due.kind(), due.appointmentId(), reason);
    }

    private static Optional<Due> claim(Connection c, Instant now, boolean reminders) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("notification-claim"))) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setBoolean(2, reminders);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp previous = rs.getTimestamp("previous_start");
                return Optional.of(new Due(rs.getLong("id"), rs.getLong("appointment_id"), rs.getString("kind"),
                        rs.getString("purpose"), rs.getTimestamp("starts_at").toInstant(),
                        previous == null ? null : previous.toInstant(), rs.getString("appointment_status"),
                        rs.getTimestamp("appointment_start").toInstant(), rs.getString("phone"), rs.getString("name")));
            }
        }
    }

    private ProducerTemplate template() {
        ProducerTemplate t = template;
        if (t == null) {
            synchronized (this) {
                if (template == null) {
                    template = camel.createProducerTemplate();
                }
                t = template;
            }
        }
        return t;
    }
}
