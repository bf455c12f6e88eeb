package app.bella.notify;

import app.bella.booking.Appointment;
import app.bella.booking.BookingService;
import app.bella.support.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns booking events from Kafka into the notifications Bella owes the customer: a confirmation and reminders for
 * {@code appointment.booked}, a notice and moved reminders for {@code appointment.rescheduled}, a notice (and no
 * more reminders) for {@code appointment.cancelled}. One transaction per event, which also records the event id, so
 * a second delivery of the same event changes nothing. Sending is the {@link NotificationDispatcher}'s job.
 */
public final class NotificationPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationPlanner.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HANDLED = Set.of("appointment.booked", "appointment.rescheduled", "appointment.cancelled");

    /** What became of one event (also the route's log line). */
    public enum Outcome { PLANNED, DUPLICATE, IGNORED, UNKNOWN_APPOINTMENT, MALFORMED }

    private final DataSource dataSource;
    private final BookingService bookings;
    private final ReminderPolicy policy;
    private final Clock clock;

    public NotificationPlanner(DataSource dataSource, BookingService bookings, ReminderPolicy policy, Clock clock) {
        this.dataSource = dataSource;
        this.bookings = bookings;
        this.policy = policy;
        this.clock = clock;
    }

    /** Camel entry point: the body is one envelope as the outbox relay published it. */
    public Outcome plan(Exchange exchange) throws SQLException {
        return plan(exchange.getMessage().getBody(String.class));
    }

    public Outcome plan(String message) throws SQLException {
        JsonNode envelope;
        UUID eventId;
        String type;
        try {
            envelope = JSON.readTree(message == null ? "" : message);
            type = envelope.path("type").asText("");
            eventId = UUID.fromString(envelope.path("id").asText(""));
        } catch (Exception e) {
            LOG.warn("Skipped a bookings-topic message that is not an event envelope: {}", e.getClass().getSimpleName());
            return Outcome.MALFORMED;
        }
        if (!HANDLED.contains(type)) {
            return Outcome.IGNORED; // sms.sent / sms.failed share the topic
        }
        JsonNode payload = envelope.path("payload");
        long appointmentId;
        Instant start;
        try {
            appointmentId = Long.parseLong(payload.path("appointmentId").asText());
            start = OffsetDateTime.parse(payload.path("start").asText()).toInstant();
        } catch (RuntimeException e) {
            LOG.warn("Skipped {} {}: no appointmentId/start in its payload", type, eventId);
            return Outcome.MALFORMED;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Outcome outcome = plan(c, eventId, type, appointmentId, start, payload);
                c.commit();
                LOG.info("{} {} for appointment {}: {}", type, eventId, appointmentId, outcome);
                return outcome;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private Outcome plan(Connection c, UUID eventId, String type, long appointmentId, Instant start, JsonNode payload)
            throws SQLException {
        try (PreparedStatement seen = c.prepareStatement(Sql.get("notification-event-seen"))) {
            seen.setObject(1, eventId);
            seen.setString(2, type);
            if (seen.executeUpdate() == 0) {
                return Outcome.DUPLICATE;
            }
        }
        Optional<Appointment> appointment = bookings.appointment(c, appointmentId);
        if (appointment.isEmpty()) {
            return Outcome.UNKNOWN_APPOINTMENT;
        }
        Instant now = clock.instant();
        switch (type) {
            case "appointment.booked" -> {
                insert(c, appointmentId, "confirmation", "confirmation", eventId, start, null, now);
                reminders(c, appointmentId, eventId, start, now);
            }
            case "appointment.rescheduled" -> {
                Instant previous = OffsetDateTime.parse(payload.path("previousStart").asText()).toInstant();
                insert(c, appointmentId, "reschedule:" + eventId, "reschedule", eventId, start, previous, now);
                reminders(c, appointmentId, eventId, start, now);
            }
            default -> { // appointment.cancelled
                try (PreparedStatement skip = c.prepareStatement(Sql.get("notification-skip-open"))) {
                    skip.setString(1, "appointment cancelled");
                    skip.setLong(2, appointmentId);
                    skip.executeUpdate();
                }
                insert(c, appointmentId, "cancellation", "cancellation", eventId, start, null, now);
            }
        }
        return Outcome.PLANNED;
    }

    /** Schedules (or moves) every configured reminder; those whose time has passed are dropped. */
    private void reminders(Connection c, long appointmentId, UUID eventId, Instant start, Instant now) throws SQLException {
        Set<String> planned = new HashSet<>();
        for (ReminderPolicy.Reminder r : policy.plan(start, now)) {
            planned.add(r.kind());
            try (PreparedStatement ps = c.prepareStatement(Sql.get("notification-reminder-upsert"))) {
                ps.setLong(1, appointmentId);
                ps.setString(2, r.kind());
                ps.setObject(3, eventId);
                ps.setTimestamp(4, Timestamp.from(start));
                ps.setTimestamp(5, Timestamp.from(r.dueAt()));
                ps.executeUpdate();
            }
        }
        for (String kind : policy.kinds()) {
            if (!planned.contains(kind)) {
                try (PreparedStatement ps = c.prepareStatement(Sql.get("notification-skip-kind"))) {
                    ps.setString(1, "too close to the appointment");
                    ps.setLong(2, appointmentId);
                    ps.setString(3, kind);
                    ps.executeUpdate();
                }
            }
        }
    }

    private static void insert(Connection c, long appointmentId, String kind, String purpose, UUID eventId, Instant start,
                               Instant previous, Instant due) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("notification-insert"))) {
            ps.setLong(1, appointmentId);
            ps.setString(2, kind);
            ps.setString(3, purpose);
            ps.setObject(4, eventId);
            ps.setTimestamp(5, Timestamp.from(start));
            ps.setTimestamp(6, previous == null ? null : Timestamp.from(previous));
            ps.setTimestamp(7, Timestamp.from(due));
            ps.setString(8, "pending");
            ps.setString(9, null);
            ps.executeUpdate();
        }
    }

    /** Commits the record's offset once its notifications are in PostgreSQL (manual commit: nothing is lost). */
    public void commitOffset(Exchange exchange) {
        KafkaManualCommit commit = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (commit != null) {
            commit.commit();
        }
    }
}
