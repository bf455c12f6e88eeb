package app.bella.costs;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.BellaServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recommendations computed from seeded ledger and turn data in PostgreSQL, each saving figure checked by hand: the
 * numbers below are chosen so every saving is an exact amount, and test calls carry data that would change each one.
 */
class RecommendationsTest {

    static final ZoneId ZONE = ZoneId.of("America/Edmonton");
    static final Instant NOW = Instant.parse("2030-04-10T18:00:00Z"); // Wednesday 12:00 in Edmonton
    static BellaServer bella;
    static DataSource dataSource;

    @BeforeAll
    static void seed() throws Exception {
        bella = BellaServer.start(Map.of("bella.clock", "2030-04-10T12:00:00-06:00", "bella.timezone", "America/Edmonton",
                "bella.api.bootstrap-api-key", BellaServer.ADMIN_KEY, "bella.metrics.snapshot-delay-ms", "3600000"));
        dataSource = bella.camel().getRegistry().lookupByNameAndType("dataSource", DataSource.class);
        try (Connection c = bella.jdbc(); Statement s = c.createStatement()) {
            // 12 calls on Tuesday 10:15 and 8 on Wednesday 08:30; 15 test calls on Thursday (last week) at 16:00
            s.execute("INSERT INTO call_session (call_sid, status, step, state, created_at) SELECT 'CAtue' || g, 'completed', 'DONE', "
                    + "'{}', timestamptz '2030-04-09 10:15-06' FROM generate_series(1, 12) g");
            s.execute("INSERT INTO call_session (call_sid, status, step, state, created_at) SELECT 'CAwed' || g, 'completed', 'DONE', "
                    + "'{}', timestamptz '2030-04-10 08:30-06' FROM generate_series(1, 8) g");
            s.execute("INSERT INTO call_session (call_sid, status, step, state, created_at, is_test) SELECT 'CAtest' || g, 'completed', "
                    + "'DONE', '{}', timestamptz '2030-04-04 16:00-06', true FROM generate_series(1, 15) g");
            // the ledger: 100 recordings at $0.005, 60 Whisper transcriptions at $0.05 (40 cache hits), 50 Twilio speech
            // turns at $0.02, 10 model calls at $0.01; the test call's 100 model calls at $1 must not count
            ledger(s, "CAtue1", "recording", 100, "0.005");
            ledger(s, "CAtue1", "transcription", 60, "0.05");
            ledger(s, "CAtue2", "speech", 50, "0.02");
            ledger(s, "CAtue3", "extraction", 10, "0.01");
            ledger(s, "CAtest1", "extraction", 100, "1");
            ledger(s, "CAtest1", "recording", 100, "0.005");
            // ASK_NAME: Whisper 27/30, Twilio 18/20 understood (agree); ASK_TIME: Whisper 18/20, Twilio 14/20 (Whisper helps)
            turns(s, "CAtue1", 1, "ASK_NAME", "whisper", "rules", 30, 27);
            turns(s, "CAtue1", 100, "ASK_NAME", "twilio", "rules", 20, 18);
            turns(s, "CAtue1", 200, "ASK_TIME", "whisper", "rules", 20, 18);
            turns(s, "CAtue1", 300, "ASK_TIME", "twilio", "rules", 20, 14);
            // 10 turns the model read, 4 of them asked again
            turns(s, "CAtue2", 1, "ASK_PHONE", "keypad", "model", 10, 6);
            // a test call whose 50 perfect Twilio turns on ASK_TIME would make Twilio agree there
            turns(s, "CAtest1", 1, "ASK_TIME", "twilio", "model", 50, 50);
        }
    }

    static void ledger(Statement s, String callSid, String item, int entries, String usd) throws Exception {
        s.execute("INSERT INTO cost_entry (call_sid, provider, item, quantity, unit, usd, created_at) SELECT '" + callSid + "', 'x', '"
                + item + "', 1, 'unit', " + usd + ", timestamptz '2030-04-09 10:20-06' FROM generate_series(1, " + entries + ")");
    }

    static void turns(Statement s, String callSid, int first, String step, String engine, String extractor, int n, int understood)
            throws Exception {
        s.execute("INSERT INTO call_turn (call_sid, turn, twiml, step, next_step, engine, extractor, expected_slot, understood, "
                + "reasked, corrected, created_at) SELECT '" + callSid + "', " + first + " + g, '<Response/>', '" + step + "', '" + step
                + "', '" + engine + "', '" + extractor + "', 'x', g < " + understood + ", g >= " + understood + ", false, "
                + "timestamptz '2030-04-09 10:16-06' FROM generate_series(0, " + (n - 1) + ") g");
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
    }

    static Recommendations recommendations(String instancePrice, Recommendations.Jvm jvm) {
        return new Recommendations(dataSource, Clock.fixed(NOW, ZONE), ZONE,
                new Recommendations.Settings(10, 0.02, new BigDecimal(instancePrice)), () -> jvm);
    }

    static final Recommendations.Jvm BUSY = new Recommendations.Jvm(1_000_000_000L, 900_000_000L, 0.5, Duration.ofDays(3));

    @Test
    void eachSavingIsComputedFromTheLedger() throws Exception {
        Map<String, Recommendations.Recommendation> byId = recommendations("0", BUSY).list().stream()
                .collect(Collectors.toMap(Recommendations.Recommendation::id, r -> r));
        assertThat(byId.keySet()).containsExactlyInAnyOrder("peak-hours", "transcript-cache", "whisper-steps", "model-no-effect");

        Recommendations.Recommendation peak = byId.get("peak-hours");
        assertThat(peak.title()).isEqualTo("Busiest: 10:00–11:00 and Tuesdays");
        assertThat(peak.detail()).contains("12 of 20 calls").contains("60%");
        assertThat(peak.estimatedMonthlySavingUsd()).as("staffing advice: no saving claimed").isNull();

        // 40 cache hits × $0.05 a transcription
        assertThat(byId.get("transcript-cache").estimatedMonthlySavingUsd()).isEqualByComparingTo("2.00");
        assertThat(byId.get("transcript-cache").title()).contains("40%");

        // ASK_NAME only: 30 recorded turns × ($3.50 / 100 recordings − $1.00 / 50 speech turns) = 30 × $0.015
        Recommendations.Recommendation whisper = byId.get("whisper-steps");
        assertThat(whisper.estimatedMonthlySavingUsd()).isEqualByComparingTo("0.45");
        assertThat(whisper.detail()).contains("ask name").doesNotContain("ask time");

        // 4 model calls that changed nothing × $0.10 / 10 model calls
        assertThat(byId.get("model-no-effect").estimatedMonthlySavingUsd()).isEqualByComparingTo("0.04");
        assertThat(byId.get("model-no-effect").title()).startsWith("4 model calls");
    }

    @Test
    void rightSizingNeedsAPriceAndADayOfFigures() throws Exception {
        Recommendations.Jvm idle = new Recommendations.Jvm(1_000_000_000L, 200_000_000L, 0.05, Duration.ofDays(3));
        Recommendations.Recommendation r = recommendations("80", idle).rightSizing(idle).orElseThrow();
        assertThat(r.estimatedMonthlySavingUsd()).isEqualByComparingTo("40.00");
        assertThat(r.detail()).contains("20%").contains("5%");
        assertThat(recommendations("0", idle).rightSizing(idle)).as("no instance price configured").isEmpty();
        assertThat(recommendations("80", BUSY).rightSizing(BUSY)).as("busy").isEmpty();
        Recommendations.Jvm young = new Recommendations.Jvm(1_000_000_000L, 200_000_000L, 0.05, Duration.ofHours(2));
        assertThat(recommendations("80", young).rightSizing(young)).as("too early to judge").isEmpty();
    }

    @Test
    void noDataNoRecommendation() throws Exception {
        Recommendations empty = new Recommendations(dataSource, Clock.fixed(NOW.plus(Duration.ofDays(90)), ZONE), ZONE,
                new Recommendations.Settings(10, 0.02, BigDecimal.ZERO), () -> BUSY);
        assertThat(empty.list()).isEmpty();
    }

    @Test
    void theCostsEndpointCarriesThemAsAnArray() throws Exception {
        var r = bella.get("/api/unified/costs", BellaServer.ADMIN_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode recs = new ObjectMapper().readTree(r.body()).path("recommendations");
        assertThat(recs.isArray()).isTrue();
        List<String> ids = new java.util.ArrayList<>();
        recs.forEach(x -> {
            ids.add(x.path("id").asText());
            assertThat(x.has("title") && x.has("detail") && x.has("estimatedMonthlySavingUsd")).as(x.toString()).isTrue();
        });
        assertThat(ids).contains("transcript-cache", "whisper-steps", "model-no-effect", "peak-hours");
    }
}
