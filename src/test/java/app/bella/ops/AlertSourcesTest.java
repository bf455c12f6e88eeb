package app.bella.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.bella.testing.BellaServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The alert sources on the real app: budget thresholds, circuit breakers and the call success rate. */
class AlertSourcesTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static ChannelDoubles doubles;
    static BellaServer bella;
    static AlertRules rules;

    @BeforeAll
    static void start() throws Exception {
        doubles = new ChannelDoubles();
        bella = BellaServer.start(doubles.properties());
        rules = bella.camel().getRegistry().lookupByNameAndType("alertRules", AlertRules.class);
    }

    @AfterAll
    static void stop() throws Exception {
        if (bella != null) {
            bella.close();
        }
        doubles.close();
    }

    record Row(long id, String fingerprint, String state, int count) {
    }

    static List<Row> alerts(String fingerprintLike) throws Exception {
        List<Row> out = new ArrayList<>();
        try (Connection c = bella.jdbc(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, fingerprint, state, count FROM alert WHERE fingerprint LIKE ? ORDER BY id")) {
            ps.setString(1, fingerprintLike);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
                }
            }
        }
        return out;
    }

    static int events(String type, String keyLike) throws Exception {
        try (Connection c = bella.jdbc(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM outbox_event WHERE type = ? AND event_key LIKE ?")) {
            ps.setString(1, type);
            ps.setString(2, keyLike);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static void spend(String usd) throws Exception {
        try (Connection c = bella.jdbc(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO cost_entry (call_sid, provider, item, quantity, unit, usd) VALUES ('CA-budget', 'openai', 'extraction', 1, 'token', ?::numeric)")) {
            ps.setString(1, usd);
            ps.executeUpdate();
        }
    }

    @Test
    void crossingEightyPercentOfTheBudgetRaisesOnceNotOnEveryEvaluation() throws Exception {
        spend("25.00");
        rules.evaluate();
        assertThat(alerts("budget:%")).as("50 % of $50: nothing yet").isEmpty();

        spend("15.50"); // $40.50 = 81 %
        rules.evaluate();
        rules.evaluate();
        rules.evaluate();
        assertThat(alerts("budget:%")).singleElement().satisfies(a -> {
            assertThat(a.fingerprint()).endsWith(":80");
            assertThat(a.count()).isEqualTo(1);
        });
        assertThat(events("alert.raised", "budget:%:80")).isEqualTo(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(doubles.slack("Monthly spend passed 80%")).hasSize(1));

        spend("5.00"); // $45.50 = 91 %
        rules.evaluate();
        rules.evaluate();
        assertThat(alerts("budget:%")).extracting(Row::fingerprint).hasSize(2).anyMatch(f -> f.endsWith(":90"));
        assertThat(events("alert.raised", "budget:%:80")).isEqualTo(1);
        assertThat(events("alert.raised", "budget:%:90")).isEqualTo(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(doubles.emails("Monthly spend passed 90%")).hasSize(1));

        // an operator resolves the 80 % alert: still above 80 % this month, but it does not come back
        long eighty = alerts("budget:%:80").get(0).id();
        bella.send(java.net.http.HttpRequest.newBuilder(bella.uri("/api/alerts/" + eighty + "/resolve")).header("X-API-Key", BellaServer.ADMIN_KEY)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        rules.evaluate();
        assertThat(alerts("budget:%:80")).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo("resolved"));
        assertThat(events("alert.raised", "budget:%:80")).isEqualTo(1);
    }

    @Test
    void aBreakerOpeningRaisesAndClosingResolvesWithARecoveryMessage() throws Exception {
        ResilienceProcessor breaker = bella.camel().getProcessor("llm-breaker", ResilienceProcessor.class);
        try {
            breaker.transitionToOpenState();
            rules.evaluate();
            assertThat(alerts("breaker:llm-breaker@%")).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo("raised"));
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(doubles.slack("[HIGH] Circuit breaker llm-breaker open")).hasSize(1));
            await().atMost(WAIT).untilAsserted(() -> assertThat(doubles.emails("Circuit breaker llm-breaker open")).hasSize(1));

            breaker.transitionToHalfOpenState();
            rules.evaluate();
            assertThat(alerts("breaker:llm-breaker@%")).as("half-open: the same alert stays open")
                    .singleElement().satisfies(a -> assertThat(a.state()).isEqualTo("raised"));
            assertThat(events("alert.raised", "breaker:llm-breaker@%")).isEqualTo(1);
        } finally {
            breaker.transitionToCloseState();
        }
        rules.evaluate();
        assertThat(alerts("breaker:llm-breaker@%")).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo("resolved"));
        assertThat(events("alert.resolved", "breaker:llm-breaker@%")).isEqualTo(1);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(doubles.slack("[RESOLVED] Circuit breaker llm-breaker open")).hasSize(1));
        assertThat(alerts("breaker:%")).as("the other breakers are closed").hasSize(1);
    }

    @Test
    void aLowCallSuccessRateRaisesAndRecoveryResolves() throws Exception {
        insertCalls("ok", "booked", 18);
        insertCalls("lost", "abandoned", 2); // 18 of 20 = 90 %
        rules.evaluate();
        assertThat(alerts("call-success-rate")).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo("raised"));
        insertCalls("more", "completed", 40); // 58 of 60 ≈ 96.7 %
        rules.evaluate();
        assertThat(alerts("call-success-rate")).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo("resolved"));
    }

    static void insertCalls(String prefix, String outcome, int n) throws Exception {
        try (Connection c = bella.jdbc(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO call_session (call_sid, status, outcome, step, state) VALUES (?, 'completed', ?, 'goodbye', '{}'::jsonb)")) {
            for (int i = 0; i < n; i++) {
                ps.setString(1, "CA-" + prefix + "-" + i);
                ps.setString(2, outcome);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
