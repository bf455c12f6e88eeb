package app.bella.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.platform.Cli;
import app.bella.testing.ApiClient;
import app.bella.testing.ApiClient.Reply;
import app.bella.testing.BellaServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST API against the real application on PostgreSQL, over HTTP. "Now" is frozen at Wednesday 2025-10-08 10:00
 * in America/Edmonton; the practice opens Monday to Friday 09:00-17:00 with 30-minute slots.
 */
class ApiTest {

    static final String ADMIN = BellaServer.ADMIN_KEY;
    static final AtomicInteger PHONES = new AtomicInteger(2000);
    static BellaServer bella;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        bella = BellaServer.start(Map.of(
                "bella.clock", "2025-10-08T10:00:00-06:00",
                "bella.timezone", "America/Edmonton",
                "bella.api.bootstrap-api-key", ADMIN,
                "camel.server.max-body-size", "4096"));
        api = new ApiClient(bella, ADMIN);
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
    }

    static String newPhone() {
        return "+1403555" + PHONES.incrementAndGet();
    }

    static Map<String, Object> booking(String phone, String start) {
        return Map.of("name", "Ada Lovelace", "phone", phone, "start", start, "durationMinutes", 30);
    }

    static long count(String sql) throws Exception {
        try (Connection c = bella.jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ------------------------------------------------------------------------------------------------ idempotency

    @Test
    void sameIdempotencyKeyAndBodyReplaysTheFirstResponseAndBooksOnce() throws Exception {
        String phone = newPhone();
        Map<String, String> key = Map.of("Idempotency-Key", "book-" + phone);
        Reply first = api.post("/api/appointments", booking(phone, "2025-10-20T09:00:00-06:00"), key);
        Reply again = api.post("/api/appointments", booking(phone, "2025-10-20T09:00:00-06:00"), key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.raw().body()).isEqualTo(first.raw().body());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(api.get("/api/appointments?phone=" + enc(phone)).json()).hasSize(1);
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIs422AndChangesNothing() throws Exception {
        String phone = newPhone();
        Map<String, String> key = Map.of("Idempotency-Key", "k-" + phone);
        assertThat(api.post("/api/appointments", booking(phone, "2025-10-20T10:00:00-06:00"), key).status()).isEqualTo(201);
        Reply other = api.post("/api/appointments", booking(phone, "2025-10-20T11:00:00-06:00"), key);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.header("Content-Type")).startsWith("application/problem+json");
        assertThat(other.json().get("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(api.get("/api/appointments?phone=" + enc(phone)).json()).hasSize(1);
    }

    @Test
    void idempotencyKeysAreScopedPerApiKey() throws Exception {
        String writer = createKey("writer-" + PHONES.incrementAndGet(), "write");
        String phoneA = newPhone();
        String phoneB = newPhone();
        Map<String, String> key = Map.of("Idempotency-Key", "shared-key-" + phoneA);
        assertThat(api.post("/api/appointments", booking(phoneA, "2025-10-21T09:00:00-06:00"), key).status()).isEqualTo(201);
        Reply fromOtherKey = api.withKey(writer).post("/api/appointments", booking(phoneB, "2025-10-21T10:00:00-06:00"), key);
        assertThat(fromOtherKey.status()).as("another API key's Idempotency-Key space is its own").isEqualTo(201);
    }

    @Test
    void aFailedRequestStoresNoIdempotencyRecordSoItsRetryRunsAgain() throws Exception {
        String phone = newPhone();
        Map<String, String> key = Map.of("Idempotency-Key", "retry-" + phone);
        Reply closed = api.post("/api/appointments", booking(phone, "2025-10-18T10:00:00-06:00"), key); // a Saturday
        assertThat(closed.status()).isEqualTo(422);
        assertThat(count("SELECT count(*) FROM api_idempotency WHERE idempotency_key = 'retry-" + phone + "'")).isZero();
    }

    // ------------------------------------------------------------------------------------------------ validation

    @Test
    void everyErrorIsProblemJsonNamingTheField() throws Exception {
        String phone = newPhone();
        assertProblem(api.post("/api/appointments", "{\"name\": \"A\", "), 400, null);
        assertProblem(api.post("/api/appointments", "[1,2]"), 400, null);
        assertProblem(api.post("/api/appointments", Map.of("name", "A B", "phone", phone, "start", "2025-10-20T09:00:00-06:00",
                "colour", "red")), 422, "colour");
        assertProblem(api.post("/api/appointments", booking("4035551234", "2025-10-20T09:00:00-06:00")), 422, "phone");
        assertProblem(api.post("/api/appointments", booking(phone, "2025-10-20T09:00:00")), 422, "start");
        assertProblem(api.post("/api/appointments", booking(phone, "next tuesday")), 422, "start");
        assertProblem(api.post("/api/appointments", Map.of("name", "x".repeat(201), "phone", phone,
                "start", "2025-10-20T09:00:00-06:00")), 422, "name");
        assertProblem(api.post("/api/appointments", Map.of("name", "A B", "phone", phone, "start", "2025-10-20T09:00:00-06:00",
                "durationMinutes", 4)), 422, "durationMinutes");
        assertProblem(api.post("/api/appointments", Map.of("name", "A B", "phone", phone, "start", "2025-10-20T09:00:00-06:00",
                "service", "Massage")), 422, "service");
        assertProblem(api.post("/api/customers", Map.of("name", "A B")), 422, "phone");
        assertProblem(api.get("/api/appointments?from=yesterday"), 422, "from");
        assertProblem(api.get("/api/appointments/999999"), 404, null);
        assertProblem(api.get("/api/customers/abc"), 404, null);
        assertProblem(api.send("POST", "/api/customers", "name=A", Map.of("Content-Type", "text/plain")), 415, "Content-Type");
        Reply tooBig = api.post("/api/customers", Map.of("name", "x".repeat(5000), "phone", phone));
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get("/api/appointments?phone=" + enc(phone)).json()).as("nothing written by any of them").isEmpty();
        assertThat(api.get("/api/customers?phone=" + enc(phone)).json()).isEmpty();
    }

    @Test
    void takenSlotIs409WithTheNearestFreeAlternatives() throws Exception {
        assertThat(api.post("/api/appointments", booking(newPhone(), "2025-10-22T11:00:00-06:00")).status()).isEqualTo(201);
        Reply taken = api.post("/api/appointments", booking(newPhone(), "2025-10-22T11:00:00-06:00"));
        assertProblem(taken, 409, "start");
        List<String> starts = new ArrayList<>();
        taken.json().get("alternatives").forEach(a -> starts.add(a.get("start").asText()));
        assertThat(starts).containsExactlyInAnyOrder("2025-10-22T10:30:00-06:00", "2025-10-22T11:30:00-06:00",
                "2025-10-22T10:00:00-06:00");
    }

    // ------------------------------------------------------------------------------------------------ appointments

    @Test
    void rescheduleMovesInPlaceKeepingTheId() throws Exception {
        String phone = newPhone();
        long id = api.post("/api/appointments", booking(phone, "2025-10-23T09:00:00-06:00")).json().get("id").asLong();
        Reply moved = api.post("/api/appointments/" + id + "/reschedule", Map.of("start", "2025-10-23T15:00:00-06:00",
                "durationMinutes", 60));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().get("id").asLong()).isEqualTo(id);
        JsonNode read = api.get("/api/appointments/" + id).json();
        assertThat(read.get("start").asText()).isEqualTo("2025-10-23T15:00:00-06:00");
        assertThat(read.get("end").asText()).isEqualTo("2025-10-23T16:00:00-06:00");
        assertThat(read.get("durationMinutes").asInt()).isEqualTo(60);
        assertThat(api.get("/api/appointments?phone=" + enc(phone)).json()).hasSize(1);
        // the old time is free again
        assertThat(api.post("/api/appointments", booking(newPhone(), "2025-10-23T09:00:00-06:00")).status()).isEqualTo(201);
    }

    @Test
    void cancelFreesTheSlotAndCannotMoveACancelledAppointment() throws Exception {
        String start = "2025-10-24T13:00:00-06:00";
        long id = api.post("/api/appointments", booking(newPhone(), start)).json().get("id").asLong();
        assertThat(api.post("/api/appointments", booking(newPhone(), start)).status()).isEqualTo(409);
        Reply cancelled = api.post("/api/appointments/" + id + "/cancel", null);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");
        assertThat(api.post("/api/appointments", booking(newPhone(), start)).status()).isEqualTo(201);
        assertProblem(api.post("/api/appointments/" + id + "/reschedule", Map.of("start", "2025-10-24T15:00:00-06:00")), 409, "id");
        assertProblem(api.post("/api/appointments/424242/cancel", null), 404, null);
    }

    @Test
    void listFiltersByDateRangeStatusAndProvider() throws Exception {
        String phone = newPhone();
        long a = api.post("/api/appointments", booking(phone, "2025-11-03T09:00:00-07:00")).json().get("id").asLong();
        long b = api.post("/api/appointments", booking(phone, "2025-11-04T09:00:00-07:00")).json().get("id").asLong();
        api.post("/api/appointments/" + b + "/cancel", null);
        JsonNode monday = api.get("/api/appointments?from=2025-11-03&to=2025-11-03").json();
        assertThat(ids(monday)).containsExactly(a);
        JsonNode keys = monday.get(0);
        assertThat(keys.fieldNames()).toIterable().containsExactly("id", "callSid", "name", "phone", "start", "end",
                "durationMinutes", "service", "status");
        assertThat(ids(api.get("/api/appointments?phone=" + enc(phone) + "&status=cancelled").json())).containsExactly(b);
        assertThat(ids(api.get("/api/appointments?from=2025-11-03&to=2025-11-04&provider=1").json())).containsExactly(a, b);
        assertThat(api.get("/api/appointments?from=2025-11-03&to=2025-11-04&provider=99").json()).isEmpty();
        assertProblem(api.get("/api/appointments?status=maybe"), 422, "status");
    }

    @Test
    void availabilityExcludesBookedSlots() throws Exception {
        List<String> before = starts(api.get("/api/availability?from=2025-10-27&to=2025-10-27").json());
        assertThat(before).hasSize(16).contains("2025-10-27T10:00:00-06:00");
        api.post("/api/appointments", booking(newPhone(), "2025-10-27T10:00:00-06:00"));
        List<String> after = starts(api.get("/api/availability?from=2025-10-27&to=2025-10-27").json());
        assertThat(after).hasSize(15).doesNotContain("2025-10-27T10:00:00-06:00");
        List<String> hour = starts(api.get("/api/availability?from=2025-10-27&to=2025-10-27&durationMinutes=60").json());
        assertThat(hour).doesNotContain("2025-10-27T09:30:00-06:00", "2025-10-27T10:00:00-06:00").contains("2025-10-27T09:00:00-06:00");
        assertProblem(api.get("/api/availability?from=2025-10-27&to=2025-12-27"), 422, "to");
        assertProblem(api.get("/api/availability?service=Nope"), 422, "service");
    }

    // ------------------------------------------------------------------------------------------------ customers, services, providers, schedule

    @Test
    void customersCreateReadUpdateListAndLookUpByPhone() throws Exception {
        String phone = newPhone();
        Reply created = api.post("/api/customers", Map.of("name", "Grace Hopper", "phone", phone, "preferredDurationMinutes", 45));
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(api.get("/api/customers/" + id).json().get("name").asText()).isEqualTo("Grace Hopper");
        String newPhone = newPhone();
        Reply patched = api.patch("/api/customers/" + id, Map.of("name", "Grace B. Hopper", "phone", newPhone));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("preferredDurationMinutes").asInt()).isEqualTo(45);
        JsonNode found = api.get("/api/customers?phone=" + enc(newPhone)).json();
        assertThat(ids(found)).containsExactly(id);
        assertThat(api.get("/api/customers?phone=" + enc(phone)).json()).isEmpty();
        String taken = newPhone();
        api.post("/api/customers", Map.of("name", "Other", "phone", taken));
        assertProblem(api.patch("/api/customers/" + id, Map.of("phone", taken)), 409, "phone");
        assertThat(api.get("/api/customers?limit=1000").json().size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void servicesAndProvidersCrudWithSoftDelete() throws Exception {
        Reply svc = api.post("/api/services", Map.of("name", "Long visit", "durationMinutes", 60));
        assertThat(svc.status()).as(svc.toString()).isEqualTo(201);
        long svcId = svc.json().get("id").asLong();
        assertProblem(api.post("/api/services", Map.of("name", "Long visit", "durationMinutes", 30)), 409, "name");
        assertThat(api.patch("/api/services/" + svcId, Map.of("durationMinutes", 90)).json().get("durationMinutes").asInt()).isEqualTo(90);
        Reply booked = api.post("/api/appointments", Map.of("name", "Al B", "phone", newPhone(), "start", "2025-10-28T09:00:00-06:00",
                "service", "Long visit"));
        assertThat(booked.json().get("durationMinutes").asInt()).isEqualTo(90);
        assertThat(api.delete("/api/services/" + svcId).status()).isEqualTo(204);
        assertThat(api.get("/api/services/" + svcId).json().get("active").asBoolean()).isFalse();
        assertThat(ids(api.get("/api/services?active=true").json())).doesNotContain(svcId);
        assertProblem(api.post("/api/appointments", Map.of("name", "Al B", "phone", newPhone(), "start", "2025-10-28T13:00:00-06:00",
                "service", "Long visit")), 422, "service");

        Reply prov = api.post("/api/providers", Map.of("name", "Dr Second", "sortOrder", 5));
        assertThat(prov.status()).isEqualTo(201);
        long provId = prov.json().get("id").asLong();
        assertThat(ids(api.get("/api/providers").json())).contains(1L, provId);
        assertThat(api.delete("/api/providers/" + provId).status()).isEqualTo(204);
        assertThat(api.get("/api/providers/" + provId).json().get("active").asBoolean()).isFalse();
        assertProblem(api.patch("/api/providers/99999", Map.of("name", "Nobody")), 404, null);
    }

    @Test
    void aProviderAddedOrWithdrawnThroughTheApiTakesOrStopsTakingBookingsAtOnce() throws Exception {
        String wednesday = "2025-11-12T10:00:00-07:00";
        assertThat(api.post("/api/appointments", booking(newPhone(), wednesday)).status()).isEqualTo(201);
        assertProblem(api.post("/api/appointments", booking(newPhone(), wednesday)), 409, "start"); // one provider

        Reply added = api.post("/api/providers", Map.of("name", "Dr Third", "sortOrder", 7));
        assertThat(added.status()).isEqualTo(201);
        long id = added.json().get("id").asLong();
        assertThat(api.post("/api/appointments", booking(newPhone(), wednesday)).status()).isEqualTo(201);

        assertThat(api.delete("/api/providers/" + id).status()).isEqualTo(204);
        String thursday = "2025-11-13T10:00:00-07:00";
        assertThat(api.post("/api/appointments", booking(newPhone(), thursday)).status()).isEqualTo(201);
        assertProblem(api.post("/api/appointments", booking(newPhone(), thursday)), 409, "start");
    }

    @Test
    void openingHoursAndClosuresAreReplacedThroughTheApiAndUsedForBooking() throws Exception {
        JsonNode hours = api.get("/api/opening-hours").json();
        assertThat(hours.get("spec").asText()).isEqualTo("Mon-Fri 09:00-17:00");
        try {
            Reply saturday = api.put("/api/opening-hours", Map.of("hours", Map.of("Mon", List.of("09:00-17:00"), "Tue",
                    List.of("09:00-17:00"), "Wed", List.of("09:00-17:00"), "Thu", List.of("09:00-17:00"), "Fri", List.of("09:00-17:00"),
                    "Sat", List.of("10:00-12:00"))));
            assertThat(saturday.status()).as(saturday.toString()).isEqualTo(200);
            assertThat(api.post("/api/appointments", booking(newPhone(), "2025-11-01T10:00:00-06:00")).status()).isEqualTo(201);
            assertThat(api.put("/api/closures", Map.of("closures", List.of(Map.of("date", "2025-11-07", "reason", "Staff day")))).status())
                    .isEqualTo(200);
            assertThat(api.get("/api/closures").json().get("closures").get(0).get("reason").asText()).isEqualTo("Staff day");
            Reply closed = api.post("/api/appointments", booking(newPhone(), "2025-11-07T10:00:00-07:00"));
            assertProblem(closed, 422, "start");
            assertThat(closed.json().get("reason").asText()).isEqualTo("CLOSED_DAY");
            assertThat(api.get("/api/availability?from=2025-11-07&to=2025-11-07").json()).isEmpty();
            assertProblem(api.put("/api/opening-hours", Map.of("hours", Map.of("Mon", List.of("17:00-09:00")))), 422, "hours.Mon");
            assertProblem(api.put("/api/opening-hours", Map.of("hours", Map.of("Funday", List.of("09:00-10:00")))), 422, "hours.Funday");
            assertProblem(api.put("/api/closures", Map.of("closures", List.of(Map.of("date", "soon")))), 422, "closures[0].date");
        } finally {
            api.put("/api/opening-hours", Map.of("spec", "Mon-Fri 09:00-17:00"));
            api.put("/api/closures", Map.of("closures", List.of()));
        }
    }

    // ------------------------------------------------------------------------------------------------ keys and scopes

    @Test
    void scopesDecideWhatAKeyMayDo() throws Exception {
        String reader = createKey("reader", "read");
        String writer = createKey("writer", "write");
        ApiClient anonymous = api.withKey(null);
        assertProblem(anonymous.get("/api/appointments?phone=%2B14035550000"), 401, "X-API-Key");
        assertProblem(api.withKey("not-a-key").get("/api/services"), 401, "X-API-Key");
        assertThat(api.withKey(reader).get("/api/services").status()).isEqualTo(200);
        assertProblem(api.withKey(reader).post("/api/customers", Map.of("name", "R R", "phone", newPhone())), 403, "X-API-Key");
        assertProblem(api.withKey(reader).get("/api/keys"), 403, "X-API-Key");
        assertThat(api.withKey(writer).post("/api/customers", Map.of("name", "W W", "phone", newPhone())).status()).isEqualTo(201);
        assertProblem(api.withKey(writer).get("/api/keys"), 403, "X-API-Key");
        assertProblem(api.withKey(writer).post("/api/keys", Map.of("label", "x", "scope", "admin")), 403, "X-API-Key");
        assertProblem(anonymous.get("/api/services?X-API-Key=" + ADMIN), 401, "X-API-Key");
    }

    @Test
    void keysAreCreatedShownOnceStoredHashedAndRevoked() throws Exception {
        Reply created = api.post("/api/keys", Map.of("label", "integration", "scope", "write"));
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().get("key").asText();
        long id = created.json().get("id").asLong();
        assertThat(key).hasSize(64).matches("[A-Za-z0-9_-]{64}");
        assertThat(api.get("/api/keys").raw().body()).doesNotContain(key).contains("\"integration\"");
        assertThat(count("SELECT count(*) FROM api_key WHERE key_hash = sha256('" + key + "'::bytea)")).isOne();
        assertThat(count("SELECT count(*) FROM api_key WHERE encode(key_hash, 'escape') LIKE '%" + key + "%'")).isZero();
        assertThat(api.withKey(key).get("/api/services").status()).isEqualTo(200);
        assertThat(api.delete("/api/keys/" + id).status()).isEqualTo(204);
        assertProblem(api.withKey(key).get("/api/services"), 401, "X-API-Key");
        assertProblem(api.delete("/api/keys/987654"), 404, null);
        assertProblem(api.post("/api/keys", Map.of("label", "x", "scope", "root")), 422, "scope");
    }

    @Test
    void cliCreatesAKeyInTheConfiguredDatabaseAndPrintsItOnce() throws Exception {
        Properties props = new Properties();
        props.setProperty("bella.db.url", bella.dbUrl());
        props.setProperty("bella.db.user", "postgres");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.run(new String[] {"keys", "create", "--label", "ops", "--scope", "write"}, props,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String key = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(key).hasSize(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain(key);
        ApiClient ops = api.withKey(key);
        assertThat(ops.post("/api/customers", Map.of("name", "Cli Made", "phone", newPhone())).status()).isEqualTo(201);
        assertProblem(ops.get("/api/keys"), 403, "X-API-Key");
        JsonNode listed = null;
        for (JsonNode k : api.get("/api/keys").json()) {
            if (k.get("prefix").asText().equals(key.substring(0, 8))) {
                listed = k;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("label").asText()).isEqualTo("ops");
        out.reset();
        assertThat(Cli.run(new String[] {"keys", "revoke", "--id", listed.get("id").asText()}, props,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))).isZero();
        assertProblem(ops.get("/api/services"), 401, "X-API-Key");
        assertThat(Cli.run(new String[] {"keys", "create", "--label", "x", "--scope", "root"}, props,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
    }

    // ------------------------------------------------------------------------------------------------ OpenAPI

    @Test
    void openApiDocumentIsServedAndListsThePaths() throws Exception {
        Reply doc = api.withKey(null).get("/api/openapi.json");
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.json().get("openapi").asText()).startsWith("3.");
        List<String> paths = new ArrayList<>();
        doc.json().get("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains("/api/appointments", "/api/appointments/{id}", "/api/appointments/{id}/reschedule",
                "/api/appointments/{id}/cancel", "/api/customers", "/api/customers/{id}", "/api/services", "/api/services/{id}",
                "/api/providers", "/api/providers/{id}", "/api/opening-hours", "/api/closures", "/api/availability", "/api/keys",
                "/api/keys/{id}");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static String createKey(String label, String scope) throws Exception {
        Reply r = api.post("/api/keys", Map.of("label", label, "scope", scope));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("key").asText();
    }

    static void assertProblem(Reply r, int status, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).as(r.toString()).startsWith("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("title").asText()).isNotBlank();
        if (field != null) {
            assertThat(r.json().path("field").asText()).as(r.toString()).isEqualTo(field);
        }
    }

    static List<Long> ids(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get("id").asLong()));
        return out;
    }

    static List<String> starts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get("start").asText()));
        return out;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
