package app.bella.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.bella.support.AdjustableClock;
import app.bella.slo.Heartbeat;
import app.bella.testing.ApiClient;
import app.bella.testing.BellaServer;
import app.bella.testing.SharedInfrastructure;
import app.bella.testing.TempDirectories;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The alert policy with two instances on one database: per-instance rules (breakers, booking failures) raise an
 * alert per instance that only that instance resolves — no flapping pair — and an instance that stops heartbeating
 * has its alerts resolved; a maintenance window declared through the API raises a LOW notice and holds every other
 * notice until it ends (or is cancelled), then the held alert goes out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertPolicyTest {

    static ChannelDoubles doubles;
    static BellaServer one;
    static BellaServer two;

    @BeforeAll
    static void start() throws Exception {
        doubles = new ChannelDoubles();
        Map<String, String> p = new java.util.HashMap<>(doubles.properties());
        p.put("bella.alerts.catch-up-after-ms", "1000");
        one = BellaServer.start(p);
        Properties same = new Properties();
        same.putAll(p);
        same.setProperty("bella.db.url", one.dbUrl());
        same.setProperty("bella.db.user", "postgres");
        same.setProperty("bella.kafka.bootstrap-servers", SharedInfrastructure.get().kafkaBootstrapServers());
        same.setProperty("bella.data-dir", TempDirectories.deletedAtExit("bella-test-data").toString());
        two = BellaServer.start(same);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {two, one, doubles}) {
            if (c != null) {
                c.close();
            }
        }
    }

    static <T> T bean(BellaServer b, String name, Class<T> type) {
        return b.camel().getRegistry().lookupByNameAndType(name, type);
    }

    static void evaluateBoth() {
        for (int i = 0; i < 3; i++) { // several rounds, alternating, as the two timers would
            bean(one, "alertRules", AlertRules.class).evaluate();
            bean(two, "alertRules", AlertRules.class).evaluate();
        }
    }

    static List<Alert> all(String prefix) {
        return ChannelDoubles.alerts(one).list(null, 500).stream().filter(a -> a.fingerprint().startsWith(prefix)).toList();
    }

    static String instance(BellaServer b) {
        return bean(b, "sloHeartbeat", Heartbeat.class).instanceId();
    }

    @Test
    @Order(1)
    void perInstanceAlertsAreResolvedOnlyByTheInstanceThatRaisedThem() throws Exception {
        bean(one, "sloHeartbeat", Heartbeat.class).beat();
        bean(two, "sloHeartbeat", Heartbeat.class).beat();
        ResilienceProcessor whisper = one.camel().getProcessor("whisper-breaker", ResilienceProcessor.class);
        assertThat(whisper).as("the whisper breaker exists").isNotNull();
        whisper.transitionToForcedOpenState();
        bean(two, "bookingFailures", BookingFailures.class).record();
        bean(two, "bookingFailures", BookingFailures.class).record();
        bean(two, "bookingFailures", BookingFailures.class).record();

        evaluateBoth();

        List<Alert> breaker = all("breaker:whisper-breaker");
        assertThat(breaker).as("one alert, never resolved by the other instance").singleElement().satisfies(a -> {
            assertThat(a.fingerprint()).isEqualTo("breaker:whisper-breaker@" + instance(one));
            assertThat(a.state()).isEqualTo(Alert.RAISED);
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
        });
        List<Alert> failures = all("booking-failures");
        assertThat(failures).singleElement().satisfies(a -> {
            assertThat(a.fingerprint()).isEqualTo("booking-failures@" + instance(two));
            assertThat(a.state()).isEqualTo(Alert.RAISED);
            assertThat(a.severity()).as("failed calls are MEDIUM").isEqualTo(Severity.MEDIUM);
        });

        whisper.transitionToCloseState();
        evaluateBoth();
        assertThat(all("breaker:whisper-breaker")).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(Alert.RESOLVED));
        assertThat(all("booking-failures")).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo(Alert.RAISED));
    }

    @Test
    @Order(2)
    void maintenanceWindowRaisesALowNoticeAndHoldsOtherAlertsUntilItEnds() throws Exception {
        ApiClient api = new ApiClient(one, BellaServer.ADMIN_KEY);
        ApiClient.Reply bad = api.post("/api/alerts/maintenance", Map.of("start", "tonight", "minutes", 60, "reason", "x"));
        assertThat(bad.status()).isBetween(400, 422);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        assertThat(bad.raw().body()).contains("start");
        ApiClient.Reply noMinutes = api.post("/api/alerts/maintenance",
                Map.of("start", "2030-01-01T10:00:00-07:00", "minutes", 0, "reason", "x"));
        assertThat(noMinutes.raw().body()).contains("minutes");

        String reason = "PostgreSQL upgrade " + UUID.randomUUID().toString().substring(0, 6);
        String start = OffsetDateTime.now(ZoneOffset.ofHours(-6)).withNano(0).minusMinutes(1).toString();
        ApiClient.Reply declared = api.post("/api/alerts/maintenance", Map.of("start", start, "minutes", 60, "reason", reason));
        assertThat(declared.status()).as(declared.toString()).isEqualTo(201);
        String id = declared.json().get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> !doubles.slack(reason).isEmpty());
        assertThat(all("maintenance:" + id)).singleElement().satisfies(a -> assertThat(a.severity()).isEqualTo(Severity.LOW));

        ApiClient.Reply list = new ApiClient(two, BellaServer.ADMIN_KEY).get("/api/alerts/maintenance");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("holding").asBoolean()).isTrue();

        String title = "held-" + UUID.randomUUID();
        ChannelDoubles.alerts(one).raise(new AlertRaise("held:" + title, "test-policy", Severity.HIGH, title, "while maintained",
                AlertRaise.Mode.CONDITION));
        Thread.sleep(5000); // group wait 1.5 s, sweep every 200 ms, catch-up after 1 s: all had their chance
        assertThat(doubles.slack(title)).as("held during the window").isEmpty();

        assertThat(api.delete("/api/alerts/maintenance/" + id).status()).isEqualTo(204);
        assertThat(api.delete("/api/alerts/maintenance/" + id).status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(30)).until(() -> !doubles.slack(title).isEmpty());
        bean(one, "alertRules", AlertRules.class).evaluate();
        assertThat(all("maintenance:" + id)).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo(Alert.RESOLVED));
    }

    @Test
    @Order(3)
    void anInstanceThatStoppedHeartbeatingHasItsAlertsResolved() throws Exception {
        assertThat(all("booking-failures")).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo(Alert.RAISED));
        bean(one, "clock", AdjustableClock.class).advance(Duration.ofMinutes(10));
        bean(one, "sloHeartbeat", Heartbeat.class).beat();
        bean(one, "alertRules", AlertRules.class).evaluate();
        assertThat(all("booking-failures")).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(Alert.RESOLVED);
            assertThat(a.resolution()).isEqualTo("instance stopped");
        });
    }
}
