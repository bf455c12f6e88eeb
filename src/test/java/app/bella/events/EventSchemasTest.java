package app.bella.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The messages OutboxWriter stores (and the relay publishes unchanged) match docs/events/*.schema.json. */
class EventSchemasTest {

    static final Path SCHEMAS = Path.of("docs/events");
    static OutboxDatabase db;
    static OutboxWriter writer;
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void database() {
        db = OutboxDatabase.create();
        writer = new OutboxWriter(EventTopics.defaults(), Clock.systemUTC());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theWrittenMessageMatchesItsSchema(EventType type) throws Exception {
        SampleEvents.Sample sample = SampleEvents.of(type);
        JsonNode message = json.readTree(append(type, sample));
        assertThat(schema(type).validate(message)).as(type.wireName() + ": " + message).isEmpty();
    }

    @Test
    void theSchemasRejectWhatTheyMust() throws Exception {
        EventType type = EventType.APPOINTMENT_BOOKED;
        ObjectNode message = (ObjectNode) json.readTree(append(type, SampleEvents.of(type)));
        JsonSchema schema = schema(type);

        ObjectNode missingField = message.deepCopy();
        ((ObjectNode) missingField.get("payload")).remove("start");
        assertThat(messages(schema.validate(missingField))).anyMatch(m -> m.contains("start"));

        ObjectNode wrongType = message.deepCopy();
        wrongType.put("type", "appointment.cancelled");
        assertThat(schema.validate(wrongType)).isNotEmpty();

        ObjectNode badPhone = message.deepCopy();
        ((ObjectNode) badPhone.get("payload")).put("phone", "0151 1234");
        assertThat(messages(schema.validate(badPhone))).anyMatch(m -> m.contains("phone"));

        ObjectNode badTime = message.deepCopy();
        ((ObjectNode) badTime.get("payload")).put("start", "tomorrow at ten");
        assertThat(messages(schema.validate(badTime))).anyMatch(m -> m.contains("start"));

        ObjectNode unknownField = message.deepCopy();
        ((ObjectNode) unknownField.get("payload")).put("colour", "blue");
        assertThat(schema.validate(unknownField)).isNotEmpty();
    }

    @Test
    void theMetricsSchemaHasNoRoomForPersonalData() throws Exception {
        EventType type = EventType.METRIC_SNAPSHOT;
        ObjectNode message = (ObjectNode) json.readTree(append(type, SampleEvents.of(type)));
        ((ObjectNode) message.get("payload")).put("phone", "+4915112345678");
        assertThat(schema(type).validate(message)).isNotEmpty();
    }

    @Test
    void everyEventTypeHasASchemaAndEverySchemaAType() throws Exception {
        Set<String> files;
        try (Stream<Path> list = Files.list(SCHEMAS)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".schema.json"))
                    .map(n -> n.substring(0, n.length() - ".schema.json".length())).collect(Collectors.toSet());
        }
        assertThat(files).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(EventType.values()).map(EventType::wireName).toList());
    }

    private String append(EventType type, SampleEvents.Sample sample) throws Exception {
        try (Connection tx = db.transaction()) {
            UUID id = writer.append(tx, type, sample.key(), sample.payload());
            tx.commit();
            try (PreparedStatement s = tx.prepareStatement("SELECT payload::text FROM outbox_event WHERE event_id = ?")) {
                s.setObject(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    return rs.getString(1);
                }
            }
        }
    }

    private static JsonSchema schema(EventType type) throws Exception {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        String text = Files.readString(SCHEMAS.resolve(type.wireName() + ".schema.json"));
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(text, config);
    }

    private static Set<String> messages(Set<ValidationMessage> errors) {
        return errors.stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }
}
