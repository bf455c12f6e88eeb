package app.bella.notify;

import static app.bella.notify.CustomerSms.MESSAGES;
import static app.bella.notify.CustomerSms.book;
import static app.bella.notify.CustomerSms.newPhone;
import static app.bella.notify.CustomerSms.payload;
import static app.bella.notify.CustomerSms.rows;
import static app.bella.notify.CustomerSms.textsTo;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.bella.testing.BellaServer;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A customer SMS goes out at most once: the database lost while Twilio is answering does not send it again, and a row
 * left {@code sending} by a dispatcher that stopped mid-send is failed as "outcome unknown", not sent again.
 */
class SmsAtMostOnceTest {

    static final WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort());
    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        twilio.start();
        CustomerSms.twilioAccepts(twilio);
        bella = BellaServer.start(CustomerSms.settings(twilio, "2025-10-08T10:00:00-06:00"));
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
        twilio.stop();
    }

    @Test
    void theDatabaseLostWhileTwilioAnswersSendsTheMessageOnce() throws Exception {
        String phone = newPhone();
        String sid = "SM" + "c".repeat(32);
        twilio.stubFor(post(urlEqualTo(MESSAGES)).withRequestBody(containing("To=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withFixedDelay(3000)
                        .withBody("{\"sid\":\"" + sid + "\",\"status\":\"queued\",\"num_segments\":\"1\"}")));
        long id = book(bella, phone, "Ada Lovelace", "2025-10-09T14:00:00-06:00");
        String confirmation = "SELECT status, message_sid FROM notification WHERE appointment_id = " + id
                + " AND kind = 'confirmation'";
        // PostgreSQL refuses new connections to Bella's database and drops Bella's; the test keeps one open to watch
        String database = bella.databaseName();
        String serverUrl = bella.dbUrl().substring(0, bella.dbUrl().lastIndexOf('/') + 1) + "postgres";
        try (Connection own = bella.jdbc(); Statement sql = own.createStatement();
             Connection server = DriverManager.getConnection(serverUrl, "postgres", ""); Statement admin = server.createStatement()) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> query(sql, confirmation), r -> !r.isEmpty() && r.get(0).get("status").equals("sending"));
            try {
                admin.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS false");
                admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                        + "' AND pid <> " + ((org.postgresql.PGConnection) own).getBackendPID());
                // Twilio accepts, then the outcome cannot be recorded (the pool waits 5 s for a connection, in vain)
                await().atMost(Duration.ofSeconds(20)).until(() -> textsTo(twilio, phone).size() == 1);
                Thread.sleep(8_000);
                assertThat(query(sql, confirmation)).containsExactly(Map.of("status", "sending", "message_sid", "null"));
            } finally {
                admin.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS true");
            }
        }
        List<Map<String, String>> sent = await().atMost(Duration.ofSeconds(60)).until(() -> rows(bella, confirmation),
                r -> r.get(0).get("status").equals("sent"));
        assertThat(sent).containsExactly(Map.of("status", "sent", "message_sid", sid));
        List<Map<String, String>> events = rows(bella, "SELECT payload FROM outbox_event WHERE type = 'sms.sent' "
                + "AND event_key = 'appointment-" + id + "'");
        assertThat(events).hasSize(1);
        assertThat(payload(events.get(0)).get("messageSid").asText()).isEqualTo(sid);
        Thread.sleep(1_000); // a few more dispatcher ticks: nothing goes out again
        assertThat(textsTo(twilio, phone)).hasSize(1);
    }

    @Test
    void aClaimAbandonedMidSendIsFailedAsOutcomeUnknownNotSentAgain() throws Exception {
        String phone = newPhone();
        long id = book(bella, phone, "Grace Hopper", "2025-10-09T15:00:00-06:00");
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(bella, "SELECT status FROM notification WHERE appointment_id = "
                + id + " AND kind = 'confirmation'"), r -> !r.isEmpty() && r.get(0).get("status").equals("sent"));
        // both reminders were claimed, and their dispatcher stopped before recording an answer: one 10 minutes ago,
        // one just now (still within the claim limit, so possibly still being sent)
        try (Connection c = bella.jdbc(); Statement sql = c.createStatement()) {
            sql.executeUpdate("UPDATE notification SET status = 'sending', due_at = '2025-10-08T09:00:00-06:00', "
                    + "claimed_at = now() - interval '10 minutes' WHERE appointment_id = " + id + " AND kind = 'reminder-24h'");
            sql.executeUpdate("UPDATE notification SET status = 'sending', due_at = '2025-10-08T09:00:00-06:00', "
                    + "claimed_at = now() WHERE appointment_id = " + id + " AND kind = 'reminder-2h'");
        }
        String reminders = "SELECT kind, status, last_error FROM notification WHERE appointment_id = " + id
                + " AND purpose = 'reminder' ORDER BY kind";
        List<Map<String, String>> settled = await().atMost(Duration.ofSeconds(30)).until(() -> rows(bella, reminders),
                r -> r.get(0).get("status").equals("failed"));
        Map<String, String> twoHours = new java.util.HashMap<>();
        twoHours.put("kind", "reminder-2h");
        twoHours.put("status", "sending");
        twoHours.put("last_error", null);
        assertThat(settled).containsExactly(
                Map.of("kind", "reminder-24h", "status", "failed", "last_error", NotificationDispatcher.OUTCOME_UNKNOWN),
                twoHours);
        List<Map<String, String>> failed = rows(bella, "SELECT payload FROM outbox_event WHERE type = 'sms.failed' "
                + "AND event_key = 'appointment-" + id + "'");
        assertThat(failed).hasSize(1);
        assertThat(payload(failed.get(0)).get("error").asText()).isEqualTo(NotificationDispatcher.OUTCOME_UNKNOWN);
        assertThat(payload(failed.get(0)).get("purpose").asText()).isEqualTo("reminder");
        Thread.sleep(1_000); // a few more dispatcher ticks
        assertThat(textsTo(twilio, phone)).hasSize(1); // the confirmation only
        assertThat(rows(bella, reminders)).extracting(r -> r.get("status")).containsExactly("failed", "sending");
    }

    private static List<Map<String, String>> query(Statement sql, String query) throws Exception {
        try (ResultSet rs = sql.executeQuery(query)) {
            List<Map<String, String>> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(Map.of("status", rs.getString(1), "message_sid", String.valueOf(rs.getString(2))));
            }
            return out;
        }
    }
}
