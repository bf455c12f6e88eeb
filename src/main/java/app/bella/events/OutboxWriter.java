package app.bella.events;

import app.bella.support.Sql;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Appends a domain event to the transactional outbox, inside the caller's database transaction: the event is
 * published if and only if the change it describes commits. Bound in the Camel registry as {@code outboxWriter}.
 *
 * <p>The row holds the full message, {@code {"type","id","occurredAt","version":1,"key","payload":{...}}}, exactly
 * as the relay publishes it. Call it after locking the aggregate the event is about (e.g. the appointment row), so
 * that the events of one key are numbered in the order their transactions commit.
 */
public final class OutboxWriter {

    public static final int ENVELOPE_VERSION = 1;
    /** Well below Kafka's default 1 MiB record limit: a row Kafka refuses would block its key for good. */
    static final int MAX_MESSAGE_BYTES = 512 * 1024;

    private final EventTopics topics;
    private final Clock clock;
    private final ObjectMapper json;
    private final String insert = Sql.get("outbox-insert");

    public OutboxWriter(EventTopics topics, Clock clock) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.json = new ObjectMapper().registerModule(new SimpleModule("bella-time")
                .addSerializer(TemporalAccessor.class, new IsoTimeSerializer()));
    }

    /**
     * Inserts one event in {@code tx} (which must not be in auto-commit: the caller commits or rolls back).
     *
     * @param key the aggregate the event is about (callSid, appointmentId, alert fingerprint…): the Kafka record key;
     *            events of one key are delivered in the order they were appended
     * @return the event id consumers de-duplicate by
     * @throws IllegalArgumentException for a blank key, a payload that cannot be written as JSON or is too large, or
     *                                  personal data in an event for the costs, metrics or alerts topics
     */
    public UUID append(Connection tx, EventType type, String key, Map<String, Object> payload) throws SQLException {
        Objects.requireNonNull(tx, "tx");
        requireEvent(type, key, payload);
        if (tx.getAutoCommit()) {
            throw new IllegalStateException("append must run in the caller's transaction (auto-commit is on)");
        }
        Row row = prepared(type, key, payload);
        try (PreparedStatement insertRow = tx.prepareStatement(insert)) {
            row.bind(insertRow, 1);
            insertRow.executeUpdate();
        }
        return row.id();
    }

    /**
     * One event as {@link #append} would insert it, for a statement that writes it together with the change it
     * describes (one statement is atomic without a transaction around it). Same checks as {@code append}.
     */
    public Row row(EventType type, String key, Map<String, Object> payload) {
        requireEvent(type, key, payload);
        return prepared(type, key, payload);
    }

    /** The values of one {@code outbox_event} row, in the column order of {@code sql/outbox-insert.sql}. */
    public record Row(UUID id, String type, String topic, String key, String message, OffsetDateTime occurredAt) {

        /** Sets the six values from parameter {@code first} on: event id, type, topic, key, message (jsonb), occurred at. */
        public void bind(PreparedStatement ps, int first) throws SQLException {
            ps.setObject(first, id);
            ps.setString(first + 1, type);
            ps.setString(first + 2, topic);
            ps.setString(first + 3, key);
            ps.setString(first + 4, message);
            ps.setObject(first + 5, occurredAt);
        }

        /** No event: the six parameters from {@code first} on are null (a statement's optional event is then not written). */
        public static void bindNone(PreparedStatement ps, int first) throws SQLException {
            ps.setNull(first, java.sql.Types.OTHER);
            for (int i = 1; i < 5; i++) {
                ps.setNull(first + i, java.sql.Types.VARCHAR);
            }
            ps.setNull(first + 5, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    private static void requireEvent(EventType type, String key, Map<String, Object> payload) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(type.wireName() + ": the event key must not be blank");
        }
    }

    private Row prepared(EventType type, String key, Map<String, Object> payload) {
        refusePersonalData(type, key, payload);
        UUID id = UUID.randomUUID();
        // microseconds: what PostgreSQL keeps, so the row and the message agree
        Instant occurredAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", type.wireName());
        message.put("id", id.toString());
        message.put("occurredAt", occurredAt.toString());
        message.put("version", ENVELOPE_VERSION);
        message.put("key", key);
        message.put("payload", payload);
        return new Row(id, type.wireName(), topics.topic(type), key, toJson(type, message),
                OffsetDateTime.ofInstant(occurredAt, ZoneOffset.UTC));
    }

    private static void refusePersonalData(EventType type, String key, Map<String, Object> payload) {
        if (type.stream().personalDataAllowed()) {
            return;
        }
        Optional<String> found = PersonalData.isPhoneNumber(key) ? Optional.of("key (phone number)")
                : PersonalData.find(payload, "payload");
        found.ifPresent(where -> {
            throw new IllegalArgumentException(type.wireName() + " goes to the " + type.stream().id()
                    + " topic, which must not carry personal data: found at " + where);
        });
    }

    private String toJson(EventType type, Map<String, Object> message) {
        String text;
        try {
            text = json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(type.wireName() + ": payload cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException(type.wireName() + ": message larger than " + MAX_MESSAGE_BYTES + " bytes");
        }
        return text;
    }

    /** ISO-8601 / RFC 3339 for java.time values without pulling in jackson-datatype-jsr310 (zoned values as offsets). */
    private static final class IsoTimeSerializer extends JsonSerializer<TemporalAccessor> {
        @Override
        public void serialize(TemporalAccessor value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            // RFC 3339 needs the seconds, which OffsetDateTime.toString() leaves out when they are zero
            gen.writeString(value instanceof ZonedDateTime || value instanceof OffsetDateTime
                    ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value)
                    : value instanceof LocalDateTime local ? DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(local)
                    : value instanceof LocalTime time ? DateTimeFormatter.ISO_LOCAL_TIME.format(time)
                    : value.toString());
        }
    }
}
