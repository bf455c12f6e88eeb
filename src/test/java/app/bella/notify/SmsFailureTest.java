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
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Twilio failing: transient errors are retried with back-off, then recorded as failed with an sms.failed event. */
class SmsFailureTest {

    static final WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort());
    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        twilio.start();
        Map<String, String> settings = new HashMap<>(CustomerSms.settings(twilio, "2025-10-08T10:00:00-06:00"));
        // these tests are about retries, not about the breaker (a window of 10 calls would open it on their 503s)
        settings.put("bella.breaker.minimum-calls", "100");
        settings.put("camel.resilience4j.sliding-window-size", "100");
        settings.put("bella.sms.max-attempts", "6"); // two tries of three calls each
        settings.put("bella.sms.retry-after-ms", "1500");
        bella = BellaServer.start(settings);
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
        twilio.stop();
    }

    static void twilioAnswersFor(String phone, int status, String body) {
        twilio.stubFor(post(urlEqualTo(MESSAGES)).withRequestBody(containing("To=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    static Map<String, String> awaitSettled(long appointmentId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> rows(bella, "SELECT status, attempts, last_error "
                + "FROM notification WHERE appointment_id = " + appointmentId + " AND kind = 'confirmation'"),
                r -> r.size() == 1 && !List.of("pending", "sending").contains(r.get(0).get("status"))).get(0);
    }

    /** How many events of this type the appointment's SMS produced. */
    static int events(String type, long appointmentId) throws Exception {
        return Integer.parseInt(rows(bella, "SELECT count(*) AS n FROM outbox_event WHERE type = '" + type
                + "' AND event_key = 'appointment-" + appointmentId + "'").get(0).get("n"));
    }

    static JsonNode failedEvent(long appointmentId) throws Exception {
        List<Map<String, String>> events = rows(bella, "SELECT payload FROM outbox_event WHERE type = 'sms.failed' "
                + "AND event_key = 'appointment-" + appointmentId + "'");
        assertThat(events).hasSize(1);
        return payload(events.get(0));
    }

    @Test
    void aServerErrorIsRetriedThenRecordedAsFailedWithAnEvent() throws Exception {
        String phone = newPhone();
        twilioAnswersFor(phone, 503, "{\"code\":20503,\"message\":\"Service unavailable\",\"status\":503}");
        long id = book(bella, phone, "Ada Lovelace", "2025-10-09T14:00:00-06:00");
        Map<String, String> row = awaitSettled(id);
        assertThat(row.get("status")).isEqualTo("failed");
        assertThat(row.get("attempts")).isEqualTo("6"); // two tries of the first call and two redeliveries
        assertThat(row.get("last_error")).contains("503").contains("Service unavailable");
        assertThat(textsTo(twilio, phone)).hasSize(6);
        JsonNode event = failedEvent(id);
        assertThat(event.get("purpose").asText()).isEqualTo("confirmation");
        assertThat(event.get("to").asText()).isEqualTo(phone);
        assertThat(event.get("errorCode").asText()).isEqualTo("20503");
        assertThat(event.get("error").asText()).isEqualTo(row.get("last_error"));
        assertThat(events("sms.sent", id)).isEqualTo(0);
    }

    @Test
    void aRefusalIsNotRetried() throws Exception {
        String phone = newPhone();
        twilioAnswersFor(phone, 400, "{\"code\":21211,\"message\":\"Invalid 'To' Phone Number: " + phone + "\",\"status\":400}");
        long id = book(bella, phone, "Grace Hopper", "2025-10-09T15:00:00-06:00");
        Map<String, String> row = awaitSettled(id);
        assertThat(row.get("status")).isEqualTo("failed");
        assertThat(row.get("attempts")).isEqualTo("1");
        assertThat(row.get("last_error")).contains("Invalid 'To' Phone Number").doesNotContain(phone)
                .contains("***" + phone.substring(phone.length() - 4));
        assertThat(textsTo(twilio, phone)).hasSize(1);
        assertThat(failedEvent(id).get("errorCode").asText()).isEqualTo("21211");
    }

    @Test
    void whileTwilioCannotTakeItTheMessageWaitsThenGoesOutOnce() throws Exception {
        String phone = newPhone();
        twilioAnswersFor(phone, 503, "{\"code\":20503,\"message\":\"Service unavailable\",\"status\":503}");
        long id = book(bella, phone, "Grace Hopper", "2025-10-09T10:00:00-06:00");
        String query = "SELECT status, attempts, last_error FROM notification WHERE appointment_id = " + id
                + " AND kind = 'confirmation'";
        Map<String, String> waiting = await().atMost(Duration.ofSeconds(30)).until(() -> rows(bella, query),
                r -> r.size() == 1 && "3".equals(r.get(0).get("attempts"))).get(0);
        assertThat(waiting.get("status")).as("nothing was sent: it waits, not failed").isEqualTo("pending");
        assertThat(waiting.get("last_error")).contains("503");
        twilio.stubFor(post(urlEqualTo(MESSAGES)).withRequestBody(containing("To=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM" + "c".repeat(32) + "\",\"status\":\"queued\"}")));
        Map<String, String> row = awaitSettled(id);
        assertThat(row.get("status")).isEqualTo("sent");
        assertThat(row.get("attempts")).isEqualTo("4");
        assertThat(textsTo(twilio, phone)).hasSize(4);
        assertThat(events("sms.failed", id)).isEqualTo(0);
        assertThat(events("sms.sent", id)).isEqualTo(1);
    }

    @Test
    void aPassingHiccupIsRetriedAndSent() throws Exception {
        String phone = newPhone();
        String to = "To=" + URLEncoder.encode(phone, StandardCharsets.UTF_8);
        twilio.stubFor(post(urlEqualTo(MESSAGES)).withRequestBody(containing(to)).inScenario("hiccup-" + phone)
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("{\"code\":20500,\"message\":\"Internal\",\"status\":500}"))
                .willSetStateTo("recovered"));
        twilio.stubFor(post(urlEqualTo(MESSAGES)).withRequestBody(containing(to)).inScenario("hiccup-" + phone)
                .whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM" + "b".repeat(32) + "\",\"status\":\"queued\"}")));
        long id = book(bella, phone, "Alan Turing", "2025-10-09T16:00:00-06:00");
        Map<String, String> row = awaitSettled(id);
        assertThat(row.get("status")).isEqualTo("sent");
        assertThat(row.get("attempts")).isEqualTo("2");
        assertThat(textsTo(twilio, phone)).hasSize(2);
        assertThat(events("sms.failed", id)).isEqualTo(0);
    }
}
