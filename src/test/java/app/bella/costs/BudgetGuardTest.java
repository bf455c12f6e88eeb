package app.bella.costs;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.events.OutboxWriter;
import app.bella.ops.AlertRules;
import app.bella.support.AdjustableClock;
import app.bella.testing.ApiClient;
import app.bella.testing.BellaServer;
import app.bella.testing.TwilioCaller;
import app.bella.understanding.CostLedger;
import app.bella.understanding.Prices;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The budget guard on Bella's injectable clock, costs written through the real ledger: measured per-turn costs make
 * Whisper the cheaper speech path, so at 90 % new calls are recorded and transcribed instead of using {@code <Gather>};
 * at 100 % the model and the second reminder stop and a CRITICAL is raised; an operator override and its clearing,
 * and the next month, switch back — each switch one event, visible in GET /api/unified/costs.
 */
class BudgetGuardTest {

    static final String TOKEN = "guard-auth-token";
    static BellaServer bella;
    static CostLedger ledger;

    @BeforeAll
    static void start() throws Exception {
        bella = BellaServer.start(Map.of("bella.clock", "2030-04-10T10:00:00-06:00", "bella.timezone", "America/Edmonton",
                "bella.api.bootstrap-api-key", BellaServer.ADMIN_KEY, "bella.alerts.evaluate-interval-ms", "3600000",
                "bella.twilio.auth-token", TOKEN, "bella.openai.api-key", "sk-test-guard",
                "bella.stt", "twilio", "bella.extractor", "llm"));
        ledger = new CostLedger(bean("dataSource", DataSource.class), bean("outboxWriter", OutboxWriter.class),
                Prices.from(k -> bella.camel().getPropertiesComponent().resolveProperty(k).orElse("")), bean("clock", AdjustableClock.class));
    }

    @AfterAll
    static void stop() throws Exception {
        if (bella != null) {
            bella.close();
        }
    }

    static <T> T bean(String name, Class<T> type) {
        return bella.camel().getRegistry().lookupByNameAndType(name, type);
    }

    static BudgetGuard.Decision judge() {
        bean("alertRules", AlertRules.class).evaluate();
        return bean("budgetGuard", BudgetGuard.class).current();
    }

    static String firstPrompt() throws Exception {
        TwilioCaller caller = new TwilioCaller(bella.baseUrl(), TOKEN, "+15875550142").dial();
        return caller.last.body();
    }

    static int count(String sql) throws Exception {
        try (Connection c = bella.jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void switchesPathsAt90And100PercentAndBack() throws Exception {
        // April so far: 100 <Gather> answers ($0.02 each), 20 recorded answers through Whisper, voice minutes: $40.06
        try (Connection c = bella.jdbc()) { // as a turn does: the speech's cost in the turn's transaction
            c.setAutoCommit(false);
            for (int i = 0; i < 100; i++) {
                ledger.write(c, ledger.speech("CA-guard-" + (i % 10), i, "yes please"));
            }
            c.commit();
        }
        for (int i = 0; i < 20; i++) {
            ledger.recording("CA-guard-w" + i, 10);
            ledger.whisper("CA-guard-w" + i, 10);
        }
        ledger.voiceLeg("CA-guard-long", 1, 4_475 * 60); // $38.04
        BudgetGuard.Decision normal = judge();
        assertThat(normal.mode()).isEqualTo(BudgetGuard.Mode.NORMAL);
        assertThat(normal.speech()).isEqualTo("twilio");
        assertThat(firstPrompt()).contains("<Gather").doesNotContain("<Record");

        ledger.voiceLeg("CA-guard-more", 1, 600 * 60); // + $5.10 → $45.16, 90 %
        BudgetGuard.Decision saving = judge();
        assertThat(saving.mode()).isEqualTo(BudgetGuard.Mode.SAVING);
        assertThat(saving.speech()).as("Whisper measured at $0.0014 a turn, <Gather> at $0.02").isEqualTo("whisper");
        assertThat(saving.model()).isTrue();
        assertThat(saving.secondReminder()).isTrue();
        assertThat(firstPrompt()).as("a new call is recorded for Whisper").contains("<Record");

        ledger.voiceLeg("CA-guard-last", 1, 600 * 60); // + $5.10 → $50.26, 100 %
        BudgetGuard.Decision exhausted = judge();
        assertThat(exhausted.mode()).isEqualTo(BudgetGuard.Mode.EXHAUSTED);
        assertThat(exhausted.speech()).isEqualTo("whisper");
        assertThat(exhausted.model()).isFalse();
        assertThat(exhausted.secondReminder()).isFalse();
        assertThat(count("SELECT count(*) FROM alert WHERE fingerprint = 'budget:2030-04:100' AND severity = 'critical'")).isEqualTo(1);
        judge(); // judging again changes nothing
        assertThat(count("SELECT count(*) FROM outbox_event WHERE type = 'budget.guard-switched'")).isEqualTo(2);

        ApiClient api = new ApiClient(bella, BellaServer.ADMIN_KEY);
        JsonNode guard = api.get("/api/unified/costs").json().get("guard");
        assertThat(guard.get("mode").asText()).isEqualTo("exhausted");
        assertThat(guard.get("perTurn").get("whisperSource").asText()).isEqualTo("measured");
        assertThat(guard.get("switches").size()).isEqualTo(2);

        // the operator raises the budget: back to normal at once; a bad request names its field
        assertThat(api.post("/api/costs/guard", Map.of("mode", "cheap")).raw().body()).contains("mode");
        JsonNode raised = api.post("/api/costs/guard", Map.of("budget", 100, "reason", "busy month")).json();
        assertThat(raised.get("mode").asText()).isEqualTo("normal");
        assertThat(raised.get("budget").asDouble()).isEqualTo(100.0);
        assertThat(api.post("/api/costs/guard", Map.of("mode", "exhausted")).json().get("model").asBoolean()).isFalse();
        assertThat(api.delete("/api/costs/guard").json().get("mode").asText()).isEqualTo("exhausted");

        // the next month starts normal
        bean("clock", AdjustableClock.class).advance(Duration.ofDays(25));
        assertThat(judge().mode()).isEqualTo(BudgetGuard.Mode.NORMAL);
        assertThat(count("SELECT count(*) FROM budget_guard_switch")).isEqualTo(5);
    }
}
