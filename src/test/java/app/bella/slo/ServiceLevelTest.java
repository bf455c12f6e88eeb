package app.bella.slo;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.ops.Alert;
import app.bella.ops.AlertRules;
import app.bella.ops.AlertService;
import app.bella.support.AdjustableClock;
import app.bella.testing.ApiClient;
import app.bella.testing.BellaServer;
import app.bella.testing.TempDirectories;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SLOs on Bella's injectable clock, with two instances on one database: a burst of failed calls is a fast burn
 * (CRITICAL), a slow leak a slow burn (HIGH), recovery raises a LOW notice, and each incident is one alert and one
 * sla.breached event however many instances judge it.
 */
class ServiceLevelTest {

    static final String KEY = "test-admin-key-0123456789abcdef0123456789";
    static BellaServer one;
    static BellaServer two;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> p = Map.of("bella.clock", "2025-10-08T10:00:00-06:00", "bella.timezone", "America/Edmonton",
                "bella.api.bootstrap-api-key", KEY, "bella.alerts.evaluate-interval-ms", "3600000",
                "bella.slo.heartbeat-interval-ms", "3600000");
        one = BellaServer.start(p);
        Properties same = new Properties();
        same.putAll(p);
        same.setProperty("bella.db.url", one.dbUrl());
        same.setProperty("bella.db.user", "postgres");
        same.setProperty("bella.kafka.bootstrap-servers", app.bella.testing.SharedInfrastructure.get().kafkaBootstrapServers());
        same.setProperty("bella.data-dir", TempDirectories.deletedAtExit("bella-test-data").toString());
        two = BellaServer.start(same);
    }

    @AfterAll
    static void stop() throws Exception {
        if (two != null) {
            two.close();
        }
        if (one != null) {
            one.close();
        }
    }

    static <T> T bean(BellaServer b, String name, Class<T> type) {
        return b.camel().getRegistry().lookupByNameAndType(name, type);
    }

    /** Both instances judge (as their timers would), on clocks moved together. */
    static void evaluateBoth() {
        bean(one, "alertRules", AlertRules.class).evaluate();
        bean(two, "alertRules", AlertRules.class).evaluate();
    }

    static void advance(Duration d) {
        bean(one, "clock", AdjustableClock.class).advance(d);
        bean(two, "clock", AdjustableClock.class).advance(d);
    }

    static Instant now() {
        return bean(one, "clock", AdjustableClock.class).instant();
    }

    static void calls(int good, int bad) {
        SloStore store = new SloStore(bean(one, "dataSource", javax.sql.DataSource.class));
        store.add("call-success", now(), good, good + bad);
    }

    static List<Alert> open(String prefix) {
        return bean(one, "alerts", AlertService.class).list(null, 100).stream()
                .filter(a -> !Alert.RESOLVED.equals(a.state()) && a.fingerprint().startsWith(prefix)).toList();
    }

    static int events(String type) throws Exception {
        try (Connection c = one.jdbc(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox_event WHERE event_key = 'call-success' AND type = '" + type + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void burstIsCriticalSlowLeakIsHighRecoveryIsLowAndTwoInstancesRaiseOneAlert() throws Exception {
        // a healthy hour: 60 calls, all successful
        for (int i = 0; i < 60; i++) {
            calls(1, 0);
            advance(Duration.ofMinutes(1));
        }
        evaluateBoth();
        assertThat(open("slo:call-success")).isEmpty();

        // a burst: 10 minutes in which 190 of 200 calls fail → over 14.4× the budget on the 1 h and 5 min windows
        for (int i = 0; i < 10; i++) {
            calls(1, 19);
            advance(Duration.ofMinutes(1));
        }
        evaluateBoth();
        evaluateBoth();
        List<Alert> fast = open("slo:call-success:fast");
        assertThat(fast).hasSize(1);
        assertThat(fast.get(0).severity().wire()).isEqualTo("critical");
        assertThat(events("sla.breached")).as("one event for both instances").isEqualTo(1);

        // recovery: an hour and a half of good calls clears every window → the alert resolves, a LOW notice
        for (int i = 0; i < 400; i++) {
            calls(20, 0);
            advance(Duration.ofMinutes(1));
        }
        evaluateBoth();
        evaluateBoth();
        assertThat(open("slo:call-success:fast")).isEmpty();
        assertThat(open("slo:call-success:recovered")).singleElement()
                .satisfies(a -> assertThat(a.severity().wire()).isEqualTo("low"));
        assertThat(events("sla.recovered")).isEqualTo(1);

        // a slow leak: 3 days at 8 % failures (budget 5 %: 1.6×) → slow burn, HIGH, not CRITICAL
        for (int h = 0; h < 72; h++) {
            calls(23, 2);
            advance(Duration.ofHours(1));
        }
        evaluateBoth();
        evaluateBoth();
        assertThat(open("slo:call-success:fast")).isEmpty();
        assertThat(open("slo:call-success:medium")).isEmpty();
        assertThat(open("slo:call-success:slow")).singleElement()
                .satisfies(a -> assertThat(a.severity().wire()).isEqualTo("high"));
        assertThat(events("sla.breached")).isEqualTo(2);

        // the console's view: error budget, burn rates, daily compliance history
        JsonNode sla = new ApiClient(one, KEY).get("/api/unified/sla-metrics").json().get("report");
        JsonNode calls = null;
        for (JsonNode s : sla.get("slos")) {
            if ("call-success".equals(s.get("name").asText())) {
                calls = s;
            }
        }
        assertThat(calls).isNotNull();
        assertThat(calls.get("breached").asBoolean()).isTrue();
        assertThat(calls.get("firingWindow").asText()).isEqualTo("slow");
        assertThat(calls.get("errorBudgetRemaining").asDouble()).isLessThan(1.0);
        assertThat(calls.get("daily").size()).isGreaterThanOrEqualTo(2);
    }
}
