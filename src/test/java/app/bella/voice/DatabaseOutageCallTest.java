package app.bella.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.bella.platform.EmbeddedPostgresServer;
import app.bella.testing.BellaServer;
import app.bella.testing.TempDirectories;
import app.bella.testing.TwilioCaller;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bella on a PostgreSQL of its own that the test stops: while it is down every call webhook answers the callback
 * message at once (database-breaker, the call path's short connection wait), the callers are kept in the callback
 * journal, and once PostgreSQL is back they are callback requests staff see, each once; a new call then books normally.
 */
class DatabaseOutageCallTest {

    static final String TOKEN = "test-auth-token";
    static final String CALLBACK = "call you back at the number you";
    static final ObjectMapper JSON = new ObjectMapper();
    static Path dir;
    static Path data;
    static EmbeddedPostgresServer postgres;
    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        dir = TempDirectories.deletedAtExit("bella-db-outage");
        data = TempDirectories.deletedAtExit("bella-db-outage-data");
        postgres = EmbeddedPostgresServer.start(dir, 0, false);
        Map<String, String> p = new HashMap<>();
        p.put("bella.db.url", postgres.jdbcUrl("postgres"));
        p.put("bella.db.user", "postgres");
        p.put("bella.data-dir", data.toString());
        p.put("bella.clock", "2025-10-08T10:00:00-06:00");
        p.put("bella.timezone", "America/Edmonton");
        p.put("bella.twilio.auth-token", TOKEN);
        p.put("bella.api.bootstrap-api-key", BellaServer.ADMIN_KEY);
        p.put("bella.voice.callback-journal.replay-interval-ms", "1000");
        bella = BellaServer.start(p);
    }

    @AfterAll
    static void stop() throws Exception {
        if (bella != null) {
            bella.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void callersDuringAnOutageHearTheCallbackMessageAtOnceAndBecomeCallbackRequestsOnceItIsBack() throws Exception {
        // a call in progress when PostgreSQL goes away
        TwilioCaller midCall = new TwilioCaller(bella.baseUrl(), TOKEN, "+15875550301").dial();
        assertThat(midCall.lastPrompt()).contains("name");
        String midCallTurn = midCall.currentAction();

        int port = postgres.port();
        postgres.close();

        List<Long> millis = new ArrayList<>();
        List<TwilioCaller> callers = new ArrayList<>();
        TwilioCaller.Exchange e = timed(millis, () -> midCall.post(midCallTurn, Map.of("SpeechResult", "I'm Ann Lee", "Confidence", "0.9")));
        assertCallbackMessage(e);
        for (int i = 0; i < 5; i++) {
            TwilioCaller c = new TwilioCaller(bella.baseUrl(), TOKEN, "+1587555031" + i);
            callers.add(c);
            assertCallbackMessage(timed(millis, () -> c.post("/twilio/voice", Map.of("CallStatus", "ringing"))));
        }
        // Twilio retries a first request, and sends the call's status: still quick, still one callback each
        TwilioCaller first = callers.get(0);
        assertCallbackMessage(timed(millis, () -> first.post("/twilio/voice", Map.of("CallStatus", "ringing"))));
        TwilioCaller.Exchange status = timed(millis, () -> first.post("/twilio/status",
                Map.of("CallStatus", "completed", "CallDuration", "9")));
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body()).contains("<Response");
        // a caller whose number is withheld cannot be called back: asked to call again, not journaled
        TwilioCaller anonymous = new TwilioCaller(bella.baseUrl(), TOKEN, "anonymous");
        TwilioCaller.Exchange withheld = timed(millis, () -> anonymous.post("/twilio/voice", Map.of()));
        assertThat(withheld.status()).isEqualTo(200);
        assertThat(withheld.body()).contains("call again").contains("<Hangup").doesNotContain(CALLBACK);
        // a turn of a call mid-way again, after the breaker opened
        assertCallbackMessage(timed(millis, () -> midCall.post(midCallTurn, Map.of("Digits", "1"))));

        System.out.println("webhook answer times while PostgreSQL is down (ms): " + millis);
        assertThat(millis).as("every webhook, the first ones waiting at most the call path's short wait once")
                .allSatisfy(ms -> assertThat(ms).isLessThan(1000));
        // webhooks that draw one of the pool's dead connections fail fast; the first to wait for a new one waits the
        // short wait and opens database-breaker (with 20 pooled connections that may be the fifth, not the first)
        assertThat(millis.stream().filter(ms -> ms >= 500).count()).as("at most two webhooks wait; the rest are answered at once")
                .isLessThanOrEqualTo(2);

        Path journal = data.resolve("voice/callback-journal.jsonl");
        assertThat(Files.readAllLines(journal)).as("one line per call, fsync'd before the caller was promised").hasSize(6);

        postgres = EmbeddedPostgresServer.start(dir, port, false);
        List<String> expected = new ArrayList<>(List.of(midCall.callSid));
        callers.forEach(c -> expected.add(c.callSid));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> callbackRows(expected).size() == expected.size());
        Map<String, List<String>> rows = callbackRows(expected);
        assertThat(rows.get(midCall.callSid)).containsExactly("+15875550301");
        for (int i = 0; i < 5; i++) {
            assertThat(rows.get(callers.get(i).callSid)).as("exactly one request, with the caller's number")
                    .containsExactly("+1587555031" + i);
        }
        assertThat(Files.exists(journal)).as("the replayed journal is removed").isFalse();
        // staff see them in the console's operations list, with the number to call
        JsonNode callbacks = JSON.readTree(bella.get("/api/console/operations", BellaServer.ADMIN_KEY).body()).get("callbacks");
        List<String> shown = new ArrayList<>();
        callbacks.forEach(cb -> shown.add(cb.get("callSid").asText() + " " + cb.get("phone").asText()));
        assertThat(shown).contains(midCall.callSid + " +15875550301", callers.get(2).callSid + " +15875550312");
        try (Connection c = bella.jdbc(); PreparedStatement ps = c.prepareStatement(
                "SELECT status, outcome FROM call_session WHERE call_sid = ?")) {
            ps.setString(1, callers.get(3).callSid);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a call that began during the outage has a session").isTrue();
                assertThat(rs.getString(1) + "/" + rs.getString(2)).isEqualTo("completed/callback");
            }
        }

        // after recovery a call books as usual, and the replayed callers stay single
        TwilioCaller after = new TwilioCaller(bella.baseUrl(), TOKEN, "+15875550399").dial()
                .say("Hi, I'm John Smith, can I come in tomorrow at 2 pm?");
        assertThat(after.lastPrompt()).contains("Thursday, October 9th at 2 PM");
        after.say("yes");
        assertThat(after.ended).isEqualTo("hangup");
        assertThat(after.lastPrompt()).contains("You're all set, John");
        Thread.sleep(2500); // two more replay periods
        assertThat(callbackRows(expected).values()).allSatisfy(phones -> assertThat(phones).hasSize(1));
    }

    interface Post {
        TwilioCaller.Exchange run() throws Exception;
    }

    static TwilioCaller.Exchange timed(List<Long> millis, Post post) throws Exception {
        long t0 = System.nanoTime();
        TwilioCaller.Exchange e = post.run();
        millis.add((System.nanoTime() - t0) / 1_000_000);
        return e;
    }

    static void assertCallbackMessage(TwilioCaller.Exchange e) {
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.contentType()).startsWith("text/xml");
        assertThat(e.body()).contains("our booking system is unavailable right now").contains(CALLBACK).contains("<Hangup");
    }

    /** call SID → the phone numbers of its callback requests. */
    static Map<String, List<String>> callbackRows(List<String> callSids) {
        Map<String, List<String>> rows = new HashMap<>();
        try (Connection c = bella.jdbc(); PreparedStatement ps = c.prepareStatement(
                "SELECT call_sid, phone FROM callback_request WHERE call_sid = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", callSids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        } catch (Exception e) {
            return Map.of();
        }
        return rows;
    }
}
