package app.bella.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.bella.analytics.BusinessReport;
import app.bella.analytics.ErrorKinds;
import app.bella.ops.AlertRaise;
import app.bella.ops.AlertService;
import app.bella.ops.Severity;
import app.bella.testing.ApiClient;
import app.bella.testing.ApiClient.Reply;
import app.bella.testing.BellaServer;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/openapi.json} as a client generator reads it: a real OpenAPI parser, every operation with its request and
 * response schemas and the problem schema on its 4xx, and the schemas naming exactly the fields Bella sends (the
 * console's {@code /api/unified/*} answers checked all the way down: types, formats, nullable).
 */
class OpenApiDocumentTest {

    /** Operations that take no body: everything else that is POST, PUT or PATCH must declare one. */
    static final Set<String> TAKE_NO_BODY = Set.of("POST /api/appointments/{id}/cancel", "POST /api/alerts/test");

    static BellaServer bella;
    static ApiClient api;
    static String document;
    static OpenAPI openApi;

    @BeforeAll
    static void start() throws Exception {
        bella = BellaServer.start(Map.of("bella.api.bootstrap-api-key", BellaServer.ADMIN_KEY,
                "bella.clock", "2025-10-08T10:00:00-06:00", "bella.timezone", "America/Edmonton"));
        api = new ApiClient(bella, BellaServer.ADMIN_KEY);
        Reply doc = api.withKey(null).get("/api/openapi.json");
        assertThat(doc.status()).as("served to anyone, as before: it holds no data").isEqualTo(200);
        document = doc.raw().body();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document, null, options);
        assertThat(parsed.getMessages()).as("parser messages").isEmpty();
        openApi = parsed.getOpenAPI();
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
    }

    @Test
    void everyOperationDeclaresItsBodiesAndTheProblemOnItsErrors() {
        List<String> checked = new ArrayList<>();
        openApi.getPaths().forEach((path, item) -> {
            // the console page's own endpoints (app.bella.console), not an integration API
            if (path.startsWith("/api/console/")) {
                return;
            }
            if (!path.startsWith("/api/")) {
                return;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> e : item.readOperationsMap().entrySet()) {
                String op = e.getKey() + " " + path;
                Operation operation = e.getValue();
                boolean takesBody = Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT, PathItem.HttpMethod.PATCH)
                        .contains(e.getKey()) && !TAKE_NO_BODY.contains(op);
                if (takesBody) {
                    assertThat(operation.getRequestBody()).as(op + " request body").isNotNull();
                    assertHasProperties(op + " request", json(operation.getRequestBody().getContent()).getSchema());
                } else {
                    assertThat(operation.getRequestBody()).as(op + " takes no body").isNull();
                }
                List<String> successes = operation.getResponses().keySet().stream().filter(c -> c.startsWith("2")).toList();
                assertThat(successes).as(op + " declares one 2xx").hasSize(1);
                ApiResponse success = operation.getResponses().get(successes.get(0));
                if (successes.get(0).equals("204")) {
                    assertThat(success.getContent()).as(op + " 204 has no content").isNullOrEmpty();
                } else {
                    assertHasProperties(op + " " + successes.get(0), json(success.getContent()).getSchema());
                }
                ApiResponse refused = operation.getResponses().get("4XX");
                assertThat(refused).as(op + " 4XX").isNotNull();
                Schema<?> problem = json(refused.getContent()).getSchema();
                assertThat(problem.get$ref()).as(op + " 4XX schema").isEqualTo("#/components/schemas/Problem");
                checked.add(op);
            }
        });
        assertThat(checked).as("operations checked").hasSizeGreaterThan(41).contains("GET /api/unified/costs");
        assertThat(properties(openApi.getComponents().getSchemas().get("Problem")))
                .contains("type", "title", "status", "detail", "field");
    }

    /** The schemas are the wire format: a client generated from the document reads every field Bella sends. */
    @Test
    void theSchemasNameExactlyTheFieldsBellaSendsAndAccepts() throws Exception {
        Reply service = api.post("/api/services", Map.of("name", "Schema check", "durationMinutes", 45));
        assertFields(service, "Service");
        assertFields(api.get("/api/services"), "Service");
        assertFields(api.post("/api/providers", Map.of("name", "Schema chair")), "Provider");
        assertFields(api.post("/api/customers", Map.of("name", "Ada Lovelace", "phone", "+14035550999")), "Customer");
        Reply booked = api.post("/api/appointments", Map.of("name", "Ada Lovelace", "phone", "+14035550999",
                "start", "2025-10-20T09:00:00-06:00", "durationMinutes", 30));
        assertFields(booked, "Appointment");
        assertFields(api.post("/api/appointments/" + booked.json().get("id").asLong() + "/cancel", null), "Appointment");
        assertFields(api.get("/api/availability?from=2025-10-20&to=2025-10-20"), "Slot");
        assertFields(api.get("/api/opening-hours"), "OpeningHours");
        assertThat(fieldNames(api.get("/api/opening-hours").json().get("hours"))).isEqualTo(properties(schema("Week")));
        assertFields(api.put("/api/closures", Map.of("closures", List.of(Map.of("date", "2025-12-25", "reason", "Christmas")))),
                "Closures");
        assertFields(api.post("/api/keys", Map.of("label", "schema", "scope", "read")), "ApiKeyCreated", "keyShownOnlyOnce");
        assertFields(api.get("/api/keys"), "ApiKey");
        assertFields(api.post("/api/nlu/parse", Map.of("text", "next Tuesday at 2 pm")), "Parse");
        assertFields(api.get("/api/alerts/maintenance"), "MaintenanceWindows");
        Reply refused = api.post("/api/appointments", Map.of("name", "Grace Hopper", "phone", "+14035550997",
                "start", "2025-10-20T20:00:00-06:00", "durationMinutes", 30));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().has("alternatives")).as("a refusal carries the problem's extra fields").isTrue();
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(properties(schema("Problem"))).containsAll(fieldNames(refused.json()));

        // a request schema lists what the handler accepts: a field it does not list is refused, naming it
        Reply unknown = api.post("/api/services", Map.of("name", "Extra", "durationMinutes", 30, "colour", "red"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("field").asText()).isEqualTo("colour");
        assertThat(properties(schema("ServiceCreate"))).containsExactlyInAnyOrder("name", "durationMinutes");
    }

    /** The console's answers, seeded so that every array and section holds something to compare, all the way down. */
    @Test
    void theUnifiedAnswersMatchTheirSchemasAllTheWayDown() throws Exception {
        try (Connection c = bella.jdbc(); Statement s = c.createStatement()) {
            // a real (not test) call of this morning with two turns and its costs, and a day of SLO history
            s.execute("INSERT INTO call_session (call_sid, status, outcome, step, state, created_at) VALUES "
                    + "('CAschema1', 'completed', 'booked', 'DONE', '{}', '2025-10-08T09:30:00-06:00')");
            s.execute("INSERT INTO call_turn (call_sid, turn, said, heard, twiml, step, next_step, engine, extractor, confidence, "
                    + "expected_slot, understood, reasked, corrected, created_at) VALUES "
                    + "('CAschema1', 1, 'x', 'y', '<Response/>', 'ASK_TIME', 'ASK_TIME', 'twilio', 'model', 0.55, 'datetime', false, true, false, "
                    + "'2025-10-08T09:31:00-06:00'), ('CAschema1', 2, 'x', 'y', '<Response/>', 'CONFIRM', 'DONE', 'twilio', 'rules', 0.9, "
                    + "'confirmation', true, false, false, '2025-10-08T09:32:00-06:00')");
            s.execute("INSERT INTO cost_entry (call_sid, provider, item, quantity, unit, usd, created_at) VALUES "
                    + "('CAschema1', 'twilio', 'speech', 2, 'block', 0.04, '2025-10-08T09:33:00-06:00')");
            s.execute("INSERT INTO slo_daily (day, slo, good, total, compliance, target, met) VALUES "
                    + "('2025-10-07', 'call-success', 9, 10, 0.9, 0.95, false)");
        }
        bella.camel().getRegistry().lookupByNameAndType("errorKinds", ErrorKinds.class)
                .recordError("api-appointments-create", new SQLException("connection refused"), "direct:x", "req-schema01");
        bella.camel().getRegistry().lookupByNameAndType("businessReport", BusinessReport.class).refresh();
        bella.camel().getRegistry().lookupByNameAndType("alerts", AlertService.class)
                .raise(AlertRaise.repeating("schema-check", "schema-test", Severity.LOW, "Schema check", "an open alert"));
        // a forced mode and back: the guard judges now and records its switches
        assertThat(api.post("/api/costs/guard", Map.of("mode", "saving", "reason", "schema check")).status()).isEqualTo(200);
        assertThat(api.delete("/api/costs/guard").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/unified/status").json().path("instances").size() > 0);

        Set<String> compared = new TreeSet<>();
        List<String> mismatches = new ArrayList<>();
        Set<String> reachable = new TreeSet<>();
        for (String endpoint : List.of("status", "business-metrics", "circuit-breakers", "sla-metrics", "costs", "alerts")) {
            String path = "/api/unified/" + endpoint;
            Schema<?> declared = json(openApi.getPaths().get(path).getGet().getResponses().get("200").getContent()).getSchema();
            references(declared, reachable);
            Reply answer = api.get(path);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            match(endpoint, answer.json(), declared, compared, mismatches);
        }
        assertThat(mismatches).as("the answers against their schemas").isEmpty();
        assertThat(compared).as("every schema of the six answers compared with a live object").isEqualTo(reachable);
        assertThat(reachable).contains("UnifiedStatus", "BusinessMetrics", "CircuitBreaker", "SloDay", "GuardSwitch",
                "Recommendation", "OpenAlert", "ErrorKind");
    }

    /**
     * An answer read along its schema: each object names exactly its schema's properties, each value has its declared
     * type and format, null only where declared nullable; followed into $refs, array items and map values. What does
     * not match is added to {@code mismatches}.
     */
    static void match(String where, JsonNode node, Schema<?> schema, Set<String> compared, List<String> mismatches) {
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            if (node != null && !node.isNull()) {
                compared.add(name);
            }
            match(where + "<" + name + ">", node, schema(name), compared, mismatches);
            return;
        }
        if (node == null) {
            mismatches.add(where + " is not sent");
            return;
        }
        if (node.isNull()) {
            expect(mismatches, Boolean.TRUE.equals(schema.getNullable()), where + " is null but its schema does not say nullable");
            return;
        }
        String type = schema.getType() != null ? schema.getType() : schema.getProperties() != null ? "object" : "";
        switch (type) {
            case "object" -> {
                expect(mismatches, node.isObject(), where + " is not an object: " + node);
                if (schema.getProperties() != null) {
                    expect(mismatches, fieldNames(node).equals(properties(schema)),
                            where + " sends " + fieldNames(node) + " but declares " + properties(schema));
                    schema.getProperties().forEach((field, s) -> {
                        if (node.has(field)) {
                            match(where + "." + field, node.get(field), s, compared, mismatches);
                        }
                    });
                }
                if (schema.getAdditionalProperties() instanceof Schema<?> values) {
                    node.fields().forEachRemaining(f -> match(where + "." + f.getKey(), f.getValue(), values, compared, mismatches));
                }
            }
            case "array" -> {
                expect(mismatches, node.isArray(), where + " is not an array: " + node);
                for (int i = 0; i < node.size(); i++) {
                    match(where + "[" + i + "]", node.get(i), schema.getItems(), compared, mismatches);
                }
            }
            case "string" -> {
                expect(mismatches, node.isTextual(), where + " is not a string: " + node);
                String text = node.asText();
                if ("date-time".equals(schema.getFormat())) {
                    expect(mismatches, parses(() -> OffsetDateTime.parse(text)), where + " is not a date-time: " + text);
                } else if ("date".equals(schema.getFormat())) {
                    expect(mismatches, parses(() -> LocalDate.parse(text)), where + " is not a date: " + text);
                }
                if (schema.getEnum() != null) {
                    expect(mismatches, schema.getEnum().stream().map(String::valueOf).toList().contains(text),
                            where + " " + text + " is not one of " + schema.getEnum());
                }
            }
            case "integer" -> expect(mismatches, node.isIntegralNumber(), where + " is not an integer: " + node);
            case "number" -> expect(mismatches, node.isNumber(), where + " is not a number: " + node);
            case "boolean" -> expect(mismatches, node.isBoolean(), where + " is not a boolean: " + node);
            default -> mismatches.add(where + ": its schema has no type");
        }
    }

    static void expect(List<String> mismatches, boolean holds, String otherwise) {
        if (!holds) {
            mismatches.add(otherwise);
        }
    }

    static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The component schemas a schema refers to, transitively. */
    static void references(Schema<?> schema, Set<String> names) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            if (names.add(name)) {
                references(schema(name), names);
            }
            return;
        }
        references(schema.getItems(), names);
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            references(values, names);
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(s -> references(s, names));
        }
    }

    static void assertFields(Reply reply, String schemaName, String... onlyOnReplay) {
        assertThat(reply.status()).as(reply.toString()).isBetween(200, 299);
        Set<String> declared = properties(schema(schemaName));
        declared.removeAll(Set.of(onlyOnReplay));
        JsonNode body = reply.json();
        List<JsonNode> objects = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(objects::add);
            assertThat(objects).as(schemaName + ": an array with elements to compare").isNotEmpty();
        } else {
            objects.add(body);
        }
        for (JsonNode object : objects) {
            assertThat(fieldNames(object)).as(schemaName + " vs " + reply).isEqualTo(declared);
        }
    }

    static Schema<?> schema(String name) {
        Schema<?> s = openApi.getComponents().getSchemas().get(name);
        assertThat(s).as("schema " + name).isNotNull();
        return s;
    }

    static Set<String> properties(Schema<?> schema) {
        return schema.getProperties() == null ? new TreeSet<>() : new TreeSet<>(schema.getProperties().keySet());
    }

    static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static MediaType json(io.swagger.v3.oas.models.media.Content content) {
        assertThat(content).isNotNull();
        MediaType media = content.get("application/json");
        assertThat(media).as("application/json content in " + content.keySet()).isNotNull();
        assertThat(media.getSchema()).isNotNull();
        return media;
    }

    /** An object with properties, or an array of such objects, following $refs into the components. */
    static void assertHasProperties(String what, Schema<?> schema) {
        Schema<?> s = resolve(schema);
        if ("array".equals(s.getType()) || s.getItems() != null) {
            assertThat(s.getItems()).as(what + " array items").isNotNull();
            s = resolve(s.getItems());
        }
        assertThat(s.getProperties()).as(what + " properties").isNotEmpty();
    }

    static Schema<?> resolve(Schema<?> schema) {
        assertThat(schema).isNotNull();
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            return schema(name);
        }
        return schema;
    }
}
