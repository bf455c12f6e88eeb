package app.bella.ops;

import app.bella.support.AdjustableClock;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.bella.testing.BellaServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alert pipeline end to end on the real app: alerts raised in PostgreSQL travel through the outbox and Kafka to
 * Slack (WireMock), e-mail (GreenMail) and SMS (Twilio on WireMock), routed by severity, grouped, de-duplicated,
 * escalated on the injectable clock, and every delivery is visible through the API.
 */
class AlertPipelineTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static ChannelDoubles doubles;
    static BellaServer bella;
    static AlertService alerts;

    @BeforeAll
    static void start() throws Exception {
        doubles = new ChannelDoubles();
        bella = BellaServer.start(doubles.properties());
        alerts = ChannelDoubles.alerts(bella);
    }

    @AfterAll
    static void stop() throws Exception {
        if (bella != null) {
            bella.close();
        }
        doubles.close();
    }

    static String token() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static Alert raise(Severity severity, String title) {
        return alerts.raise(AlertRaise.repeating("fp-" + title, "pipeline-test", severity, title, "detail of " + title))
                .orElseThrow();
    }

    static List<JsonNode> deliveries(long alertId) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        ChannelDoubles.alertView(bella, alertId).path("deliveries").forEach(out::add);
        return out;
    }

    static Set<String> channels(List<JsonNode> deliveries, String status) {
        return deliveries.stream().filter(d -> d.path("status").asText().equals(status))
                .map(d -> d.path("channel").asText()).collect(Collectors.toSet());
    }

    @Test
    void theChannelTemplateMakesEachChannelRouteWithItsStepIds() {
        Map<String, String> breakers = Map.of("slack", "slack-breaker", "email", "smtp-breaker", "sms", "twilio-alert-sms-breaker");
        breakers.forEach((channel, breaker) -> {
            assertThat(bella.camel().getRoute("alerts-channel-" + channel)).as(channel).isNotNull();
            assertThat(bella.camel().getRoute("alerts-channel-" + channel).getRouteId()).isEqualTo("alerts-channel-" + channel);
            for (String step : List.of("render", "configured", "throttle", "attempt", "send", "delivered")) {
                assertThat(bella.camel().getRoute("alerts-channel-" + channel).filter(channel + "-" + step))
                        .as(channel + "-" + step).hasSize(1);
            }
            assertThat(bella.camel().getProcessor(breaker, org.apache.camel.component.resilience4j.ResilienceProcessor.class))
                    .as(breaker).isNotNull();
        });
    }

    @Test
    void eachSeverityReachesExactlyItsChannels() throws Exception {
        Map<Severity, Set<String>> expected = Map.of(Severity.CRITICAL, Set.of("slack", "email", "sms"),
                Severity.HIGH, Set.of("slack", "email"), Severity.MEDIUM, Set.of("slack"), Severity.LOW, Set.of("slack"));
        Map<Severity, String> titles = new java.util.EnumMap<>(Severity.class);
        Map<Severity, Long> ids = new java.util.EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            titles.put(s, "sev-" + s.wire() + "-" + token());
            ids.put(s, raise(s, titles.get(s)).id());
        }
        for (Severity s : Severity.values()) {
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(channels(deliveries(ids.get(s)), "sent")).as(s.wire()).isEqualTo(expected.get(s)));
            List<JsonNode> all = deliveries(ids.get(s));
            assertThat(all).as("one delivery per routed channel, nothing else").hasSize(expected.get(s).size());
            String title = titles.get(s);
            assertThat(doubles.slack(title)).hasSize(1);
            assertThat(doubles.emails(title)).hasSize(expected.get(s).contains("email") ? 1 : 0);
            assertThat(doubles.sms(title)).hasSize(expected.get(s).contains("sms") ? 1 : 0);
        }
        String slackBody = doubles.slack(titles.get(Severity.CRITICAL)).get(0).getBodyAsString();
        assertThat(ChannelDoubles.JSON.readTree(slackBody).path("attachments").get(0).path("color").asText())
                .isEqualTo(AlertMessages.colour(Severity.CRITICAL));
        assertThat(ChannelDoubles.JSON.readTree(slackBody).path("attachments").get(0).path("fields").get(0).path("title").asText())
                .as("camel-slack posts the whole message, fields included").isEqualTo("Severity");
        assertThat(ChannelDoubles.JSON.readTree(doubles.slack(titles.get(Severity.LOW)).get(0).getBodyAsString())
                .path("attachments").get(0).path("color").asText()).isEqualTo(AlertMessages.colour(Severity.LOW));
        assertThat(doubles.sms(titles.get(Severity.CRITICAL)).get(0).getBodyAsString())
                .contains("To=%2B15875550199").contains("From=%2B15875550100");
    }

    @Test
    void fiftyIdenticalAlertsWithinAMinuteBecomeOneNotificationWithACount() throws Exception {
        String title = "burst-" + token();
        long id = 0;
        for (int i = 0; i < 50; i++) {
            id = raise(Severity.MEDIUM, title).id();
        }
        long alertId = id;
        // every one of the 50 events has been through the pipeline: one notified, 49 grouped into it or suppressed
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(ChannelDoubles.alertView(bella, alertId).path("suppressed").asInt()).isEqualTo(49));
        await().atMost(WAIT).untilAsserted(() -> assertThat(channels(deliveries(alertId), "sent")).containsExactly("slack"));
        assertThat(doubles.slack(title)).hasSize(1);
        assertThat(doubles.slack(title).get(0).getBodyAsString()).contains(title + " ×50");
        assertThat(ChannelDoubles.alertView(bella, alertId).path("count").asInt()).isEqualTo(50);
    }

    @Test
    void slackDownTheAlertStillArrivesByEmailAndTheFailureIsVisible() throws Exception {
        String title = "slack-down-" + token();
        doubles.saas.stubFor(post(urlEqualTo(ChannelDoubles.SLACK_PATH)).atPriority(1).withRequestBody(containing(title))
                .willReturn(aResponse().withStatus(503).withBody("service unavailable")));
        long id = raise(Severity.HIGH, title).id();

        await().atMost(WAIT).untilAsserted(() -> assertThat(doubles.emails(title)).hasSize(1));
        await().atMost(WAIT).untilAsserted(() -> assertThat(channels(deliveries(id), "failed")).containsExactly("slack"));
        JsonNode slack = deliveries(id).stream().filter(d -> d.path("channel").asText().equals("slack")).findFirst().orElseThrow();
        assertThat(slack.path("attempts").asInt()).as("first try and two retries").isEqualTo(3);
        assertThat(slack.path("lastError").asText()).contains("Slack API").contains("code=503").doesNotContain("webhook-secret");
        assertThat(channels(deliveries(id), "sent")).containsExactly("email");
        assertThat(doubles.slack(title)).hasSize(3);

        JsonNode listed = StreamSupport.stream(ChannelDoubles.JSON.readTree(bella.get("/api/alerts?state=raised", BellaServer.ADMIN_KEY).body()).spliterator(), false)
                .filter(a -> a.path("id").asText().equals(String.valueOf(id))).findFirst().orElseThrow();
        assertThat(listed.path("deliveries").findValuesAsText("status")).contains("failed", "sent");
    }

    @Test
    void anUnacknowledgedCriticalEscalatesOnTheClockAndAnAcknowledgedOneDoesNot() throws Exception {
        String critical = "escalate-" + token();
        String acked = "acked-" + token();
        long criticalId = raise(Severity.CRITICAL, critical).id();
        long ackedId = raise(Severity.HIGH, acked).id();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(channels(deliveries(criticalId), "sent")).containsExactlyInAnyOrder("slack", "email", "sms");
            assertThat(channels(deliveries(ackedId), "sent")).containsExactlyInAnyOrder("slack", "email");
        });
        var ack = bella.send(HttpRequest.newBuilder(bella.uri("/api/alerts/" + ackedId + "/ack")).header("X-API-Key", BellaServer.ADMIN_KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"dr-ops\"}")));
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ChannelDoubles.JSON.readTree(ack.body()).path("state").asText()).isEqualTo("acknowledged");

        AdjustableClock clock = bella.camel().getRegistry().lookupByNameAndType("clock", AdjustableClock.class);
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        await().atMost(WAIT).untilAsserted(() -> assertThat(deliveries(criticalId).stream()
                .filter(d -> d.path("kind").asText().equals("escalation") && d.path("status").asText().equals("sent"))
                .map(d -> d.path("channel").asText())).containsExactlyInAnyOrder("slack", "email", "sms"));
        assertThat(doubles.slack("[ESCALATED CRITICAL] " + critical)).hasSize(1);
        assertThat(doubles.sms(critical)).as("the first SMS and the re-notification").hasSize(2);

        clock.advance(Duration.ofMinutes(15));
        await().atMost(WAIT).untilAsserted(() -> assertThat(deliveries(criticalId)).anySatisfy(d -> {
            assertThat(d.path("kind").asText()).isEqualTo("oncall");
            assertThat(d.path("channel").asText()).isEqualTo("sms");
            assertThat(d.path("status").asText()).isEqualTo("sent");
        }));
        assertThat(doubles.sms("not acknowledged for 30 min")).anySatisfy(r -> assertThat(r.getBodyAsString())
                .contains(java.net.URLEncoder.encode(critical, java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(ChannelDoubles.alertView(bella, criticalId).path("escalationLevel").asInt()).isEqualTo(2);
        assertThat(deliveries(ackedId)).as("acknowledged: never escalated")
                .allSatisfy(d -> assertThat(d.path("kind").asText()).isEqualTo("raised"));
        assertThat(ChannelDoubles.alertView(bella, ackedId).path("acknowledgedBy").asText()).isEqualTo("dr-ops");
    }

    @Test
    void theTestEndpointReachesEveryChannel() throws Exception {
        var response = bella.send(HttpRequest.newBuilder(bella.uri("/api/alerts/test")).header("X-API-Key", BellaServer.ADMIN_KEY).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = ChannelDoubles.JSON.readTree(response.body());
        long id = body.path("alertId").asLong();
        assertThat(body.path("channels").findValuesAsText("")).isEmpty();
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(channels(deliveries(id), "sent")).containsExactlyInAnyOrder("slack", "email", "sms"));
        String marker = "[TEST] Test alert from Bella";
        assertThat(doubles.slack(marker)).isNotEmpty();
        assertThat(doubles.emails(marker)).isNotEmpty();
        assertThat(doubles.sms(marker)).isNotEmpty();
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(ChannelDoubles.alertView(bella, id).path("state").asText()).isEqualTo("resolved"));
    }

    @Test
    void resolvingANotifiedAlertSendsOneRecoveryMessage() throws Exception {
        String title = "recover-" + token();
        long id = raise(Severity.LOW, title).id();
        await().atMost(WAIT).untilAsserted(() -> assertThat(channels(deliveries(id), "sent")).containsExactly("slack"));
        var resolved = bella.send(HttpRequest.newBuilder(bella.uri("/api/alerts/" + id + "/resolve")).header("X-API-Key", BellaServer.ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"resolution\":\"restarted the thing\"}")));
        assertThat(resolved.statusCode()).isEqualTo(200);
        await().atMost(WAIT).untilAsserted(() -> assertThat(doubles.slack("[RESOLVED] " + title)).hasSize(1));
        assertThat(doubles.slack("[RESOLVED] " + title).get(0).getBodyAsString()).contains("restarted the thing")
                .contains(AlertMessages.RESOLVED_COLOUR);
        var again = bella.send(HttpRequest.newBuilder(bella.uri("/api/alerts/" + id + "/ack")).header("X-API-Key", BellaServer.ADMIN_KEY).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(bella.get("/api/alerts/999999", BellaServer.ADMIN_KEY).statusCode()).isEqualTo(404);
    }
}
