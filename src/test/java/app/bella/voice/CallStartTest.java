package app.bella.voice;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.BellaServer;
import app.bella.testing.TwilioCaller;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A call's start writes its session, its greeting (turn 0) and its call.started event in one statement: a duplicate
 * webhook racing it writes nothing and answers the same greeting; the services offered are at most a few seconds old.
 */
class CallStartTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "call-start-token";
    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        bella = BellaServer.start(Map.of("bella.clock", "2025-10-08T10:00:00-06:00", "bella.twilio.auth-token", TOKEN,
                "bella.api.bootstrap-api-key", BellaServer.ADMIN_KEY));
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
    }

    @Test
    void twoIdenticalStartsRacingMakeOneCallAndAnswerTheSameGreeting() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 8; i++) {
                TwilioCaller caller = new TwilioCaller(bella.baseUrl(), TOKEN, "+1587555" + (8300 + i));
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<TwilioCaller.Exchange>> answers = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    answers.add(pool.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return caller.post("/twilio/voice", Map.of("CallStatus", "ringing"));
                    }));
                }
                TwilioCaller.Exchange first = answers.get(0).get(30, TimeUnit.SECONDS);
                TwilioCaller.Exchange second = answers.get(1).get(30, TimeUnit.SECONDS);
                assertThat(first.status()).as(first.body()).isEqualTo(200);
                assertThat(second.status()).as(second.body()).isEqualTo(200);
                assertThat(first.body()).contains("May I have your first and last name").contains("/twilio/voice/turn?n=1");
                assertThat(second.body()).isEqualTo(first.body());

                assertThat(count("SELECT count(*) FROM call_session WHERE call_sid = ? AND NOT is_test"
                        + " AND status = 'in-progress' AND step = 'ASK_NAME' AND turn = 0", caller.callSid)).isEqualTo(1);
                assertThat(count("SELECT count(*) FROM call_turn WHERE call_sid = ?", caller.callSid)).isEqualTo(1);
                assertThat(count("SELECT count(*) FROM call_turn WHERE call_sid = ? AND turn = 0 AND said IS NULL"
                        + " AND heard LIKE '%May I have your first and last name%'", caller.callSid)).isEqualTo(1);
                assertThat(text("SELECT twiml FROM call_turn WHERE call_sid = ? AND turn = 0", caller.callSid))
                        .isEqualTo(first.body());
                assertThat(count("SELECT count(*) FROM outbox_event WHERE event_key = ?", caller.callSid)).isEqualTo(1);
                JsonNode event = JSON.readTree(text("SELECT payload::text FROM outbox_event WHERE event_key = ?"
                        + " AND type = 'call.started' AND topic = 'bella.calls' AND event_id = (payload->>'id')::uuid"
                        + " AND occurred_at = (payload->>'occurredAt')::timestamptz", caller.callSid));
                assertThat(event.get("type").asText()).isEqualTo("call.started");
                assertThat(event.get("key").asText()).isEqualTo(caller.callSid);
                assertThat(event.get("payload").get("callSid").asText()).isEqualTo(caller.callSid);
                assertThat(event.get("payload").get("from").asText()).isEqualTo(caller.from);
                assertThat(event.get("payload").get("step").asText()).isEqualTo("ask_name");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTestCallIsMarkedAsOneInTheSameWrite() throws Exception {
        TwilioCaller caller = new TwilioCaller(bella.baseUrl(), TOKEN, "+15875558390");
        TwilioCaller.Exchange greeting = caller.post("/twilio/voice", Map.of(CallFlow.TEST_CALL_PARAM, "true"));
        assertThat(greeting.status()).isEqualTo(200);
        assertThat(greeting.body()).contains("May I have your first and last name");
        assertThat(count("SELECT count(*) FROM call_session WHERE call_sid = ? AND is_test", caller.callSid)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM call_turn WHERE call_sid = ? AND turn = 0", caller.callSid)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE event_key = ? AND type = 'call.started'", caller.callSid))
                .isEqualTo(1);
    }

    @Test
    void aServiceChangedThroughTheApiIsOfferedOrWithdrawnAtOnceAndOneChangedElsewhereWithinSeconds() throws Exception {
        assertThat(choicesOfANewCall("+15875558391")).doesNotContain("Whitening"); // the list is now cached
        HttpResponse<String> created = api("POST", "/api/services", "{\"name\":\"Whitening\",\"durationMinutes\":45}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = JSON.readTree(created.body()).get("id").asLong();
        assertThat(choicesOfANewCall("+15875558392")).contains("Whitening", "Appointment");

        assertThat(api("DELETE", "/api/services/" + id, null).statusCode()).isEqualTo(204);
        assertThat(choicesOfANewCall("+15875558393")).doesNotContain("Whitening");

        // another instance's change (straight in the database): offered no later than the cache's age allows
        try (Connection c = bella.jdbc(); PreparedStatement ps = c.prepareStatement("UPDATE service SET active = true WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        Thread.sleep(app.bella.booking.Catalog.MAX_AGE.toMillis() + 100);
        assertThat(choicesOfANewCall("+15875558394")).contains("Whitening");
        try (Connection c = bella.jdbc(); PreparedStatement ps = c.prepareStatement("UPDATE service SET active = false WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        Thread.sleep(app.bella.booking.Catalog.MAX_AGE.toMillis() + 100);
        assertThat(choicesOfANewCall("+15875558395")).doesNotContain("Whitening");
    }

    /** The services a new call's state lists for the caller to choose from (empty with a single service). */
    private static List<String> choicesOfANewCall(String phone) throws Exception {
        TwilioCaller caller = new TwilioCaller(bella.baseUrl(), TOKEN, phone).dial();
        assertThat(caller.lastPrompt()).contains("May I have your first and last name");
        List<String> choices = new ArrayList<>();
        JSON.readTree(text("SELECT state::text FROM call_session WHERE call_sid = ?", caller.callSid))
                .get("serviceChoices").forEach(n -> choices.add(n.asText()));
        return choices;
    }

    private static HttpResponse<String> api(String method, String path, String body) throws Exception {
        return bella.send(HttpRequest.newBuilder(bella.uri(path)).header("X-API-Key", BellaServer.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    private static int count(String sql, String callSid) throws Exception {
        return Integer.parseInt(text(sql, callSid));
    }

    private static String text(String sql, String callSid) throws Exception {
        try (Connection c = bella.jdbc(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, callSid);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return rs.getString(1);
            }
        }
    }
}
