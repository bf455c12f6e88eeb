package app.bella.events;

import static app.bella.events.SampleEvents.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class OutboxWriterTest {

    static final Instant NOW = Instant.parse("2030-03-30T07:15:00.123456789Z");
    static OutboxDatabase db;
    static OutboxWriter writer;
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void database() {
        db = OutboxDatabase.create();
        Map<String, String> topics = Map.of("bella.events.topic.bookings", "practice-a.bookings");
        writer = new OutboxWriter(EventTopics.from(topics::get), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void appendsTheFullMessageInTheCallersTransaction() throws Exception {
        SampleEvents.Sample booked = SampleEvents.of(EventType.APPOINTMENT_BOOKED);
        UUID id;
        try (Connection tx = db.transaction()) {
            id = writer.append(tx, EventType.APPOINTMENT_BOOKED, "appt-1", booked.payload());
            tx.commit();
        }
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM outbox_event WHERE event_id = '" + id + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("type")).isEqualTo("appointment.booked");
            assertThat(rs.getString("topic")).as("configured topic").isEqualTo("practice-a.bookings");
            assertThat(rs.getString("event_key")).isEqualTo("appt-1");
            assertThat(rs.getObject("occurred_at", java.time.OffsetDateTime.class).toInstant())
                    .isEqualTo(Instant.parse("2030-03-30T07:15:00.123456Z"));
            assertThat(rs.getTimestamp("published_at")).isNull();
            assertThat(rs.getInt("attempts")).isZero();
            JsonNode message = json.readTree(rs.getString("payload"));
            assertThat(message.get("type").asText()).isEqualTo("appointment.booked");
            assertThat(message.get("id").asText()).isEqualTo(id.toString());
            assertThat(message.get("occurredAt").asText()).isEqualTo("2030-03-30T07:15:00.123456Z");
            assertThat(message.get("version").asInt()).isEqualTo(1);
            assertThat(message.get("key").asText()).isEqualTo("appt-1");
            assertThat(message.get("payload").get("phone").asText()).isEqualTo("+4915112345678");
            assertThat(message.get("payload").get("start").asText()).as("zoned times as ISO offsets")
                    .isEqualTo("2030-04-02T09:30:00+02:00");
            assertThat(message.get("payload").get("durationMinutes").asInt()).isEqualTo(30);
        }
    }

    @Test
    void aRolledBackTransactionLeavesNoEvent() throws Exception {
        UUID id;
        try (Connection tx = db.transaction()) {
            id = writer.append(tx, EventType.CALL_STARTED, "CA1", map("callSid", "CA1", "step", "greeting"));
            tx.rollback();
        }
        assertThat(count("event_id = '" + id + "'")).isZero();
    }

    @Test
    void refusesAutoCommitConnectionsAndBlankKeys() throws Exception {
        try (Connection c = db.connection()) {
            assertThatThrownBy(() -> writer.append(c, EventType.CALL_STARTED, "CA1", map("callSid", "CA1")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("transaction");
        }
        try (Connection tx = db.transaction()) {
            assertThatThrownBy(() -> writer.append(tx, EventType.CALL_STARTED, " ", map("callSid", "CA1")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
        }
    }

    static List<Map<String, Object>> personalPayloads() {
        return List.of(
                map("metric", "calls", "value", 1, "phone", "unknown"),
                map("metric", "calls", "value", 1, "name", "Anna"),
                map("metric", "calls", "value", 1, "From", "x"),
                map("metric", "calls", "value", 1, "to", "x"),
                map("metric", "calls", "value", 1, "labels", map("caller", "+4915112345678")),
                map("metric", "calls", "value", 1, "labels", map("to", "practice")),
                map("metric", "calls", "value", 1, "detail", "+49 151 1234-5678"),
                map("metric", "calls", "value", 1, "recent", List.of("ok", "+14155550123")));
    }

    @ParameterizedTest
    @MethodSource("personalPayloads")
    void refusesPersonalDataOnMetricCostAndAlertEvents(Map<String, Object> payload) throws Exception {
        for (EventType type : List.of(EventType.METRIC_SNAPSHOT, EventType.COST_INCURRED, EventType.ALERT_RAISED)) {
            try (Connection tx = db.transaction()) {
                assertThatThrownBy(() -> writer.append(tx, type, "k-" + type, payload))
                        .as(type.wireName()).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("personal data");
                tx.commit();
            }
        }
        assertThat(count("event_key LIKE 'k-%'")).as("nothing written").isZero();
    }

    @Test
    void refusesAPhoneNumberAsTheKeyOfAnAlert() throws Exception {
        try (Connection tx = db.transaction()) {
            assertThatThrownBy(() -> writer.append(tx, EventType.ALERT_RAISED, "+4915112345678", SampleEvents.of(EventType.ALERT_RAISED).payload()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
        }
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"CALL_STARTED", "APPOINTMENT_BOOKED", "SMS_SENT"})
    void callAndBookingEventsMayCarryTheCallersPhone(EventType type) throws Exception {
        SampleEvents.Sample sample = SampleEvents.of(type);
        try (Connection tx = db.transaction()) {
            UUID id = writer.append(tx, type, sample.key(), sample.payload());
            tx.commit();
            assertThat(count("event_id = '" + id + "' AND payload::text LIKE '%+4915112345678%'")).isEqualTo(1);
        }
    }

    @Test
    void personalDataFreeEventsOfEveryRestrictedTypeAreAccepted() throws Exception {
        List<EventType> restricted = java.util.Arrays.stream(EventType.values())
                .filter(type -> !type.stream().personalDataAllowed()).toList();
        assertThat(restricted).as("costs, metrics (with SLO transitions) and alerts")
                .contains(EventType.COST_INCURRED, EventType.METRIC_SNAPSHOT, EventType.SLA_BREACHED, EventType.ALERT_RAISED);
        for (EventType type : restricted) {
            SampleEvents.Sample sample = SampleEvents.of(type);
            try (Connection tx = db.transaction()) {
                writer.append(tx, type, sample.key(), sample.payload());
                tx.commit();
            }
        }
        // one row of each restricted type, on its stream's topic
        for (EventType type : restricted) {
            assertThat(count("type = '" + type.wireName() + "' AND topic = '" + EventTopics.defaults().topic(type) + "'"))
                    .as(type.wireName()).isEqualTo(1);
        }
    }

    @Test
    void refusesAMessageTooLargeForKafka() throws Exception {
        try (Connection tx = db.transaction()) {
            assertThatThrownBy(() -> writer.append(tx, EventType.CALL_TURN, "CA1",
                    map("callSid", "CA1", "step", "x".repeat(OutboxWriter.MAX_MESSAGE_BYTES))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("larger");
        }
    }

    private static long count(String where) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox_event WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
