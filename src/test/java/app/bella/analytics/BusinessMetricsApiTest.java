package app.bella.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.console.TestCall;
import app.bella.testing.BellaServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GET /api/unified/business-metrics on the real server: a call through the real webhooks records each turn's quality
 * (step, engine, Twilio's confidence, understood), test calls stay out, the daily trend is rolled up into PostgreSQL,
 * errors are aggregated by kind, and the figures are Prometheus gauges.
 */
class BusinessMetricsApiTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void realFiguresFromTheDatabaseWithTestCallsLeftOut() throws Exception {
        try (BellaServer bella = BellaServer.start(Map.of("bella.api.bootstrap-api-key", BellaServer.ADMIN_KEY,
                "bella.twilio.auth-token", "test-auth-token", "bella.metrics.snapshot-interval-ms", "600000",
                "bella.metrics.snapshot-delay-ms", "600000"))) {
            TestCall call = new TestCall(bella.baseUrl(), null, "test-auth-token");
            String sid = TestCall.newCallSid();
            TestCall.Step step = call.dial(sid, "+14035550123");
            step = call.answer(sid, "+14035550123", step.action(), "I'm Jane Doe", null);
            step = call.answer(sid, "+14035550123", step.action(), "umm", null);
            call.hangUp(sid, "+14035550123");

            List<String> turns = new ArrayList<>();
            try (Connection c = bella.jdbc(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT turn, step, next_step, engine, extractor, confidence, expected_slot, understood, "
                         + "reasked, corrected FROM call_turn WHERE call_sid = '" + sid + "' AND turn > 0 ORDER BY turn")) {
                while (rs.next()) {
                    turns.add(rs.getInt(1) + " " + rs.getString(2) + "->" + rs.getString(3) + " " + rs.getString(4) + " "
                            + rs.getString(5) + " " + rs.getFloat(6) + " " + rs.getString(7) + " understood=" + rs.getBoolean(8)
                            + " reasked=" + rs.getBoolean(9) + " corrected=" + rs.getBoolean(10));
                }
            }
            System.out.println("turns: " + turns);
            assertThat(turns.get(0)).startsWith("1 ASK_NAME->").contains(" twilio rules 0.95 name understood=true reasked=false");

            BusinessReport report = bella.camel().getRegistry().lookupByNameAndType("businessReport", BusinessReport.class);
            JsonNode asTest = get(bella);
            assertThat(asTest.path("speech").path("turns").asLong()).as("a test call is left out").isZero();
            assertThat(asTest.path("callSuccess").path("calls").asLong()).isZero();

            // the same call as a real caller's, with its costs, and a second real call that re-asked and was corrected
            try (Connection c = bella.jdbc(); Statement s = c.createStatement()) {
                s.execute("UPDATE call_session SET is_test = false WHERE call_sid = '" + sid + "'");
                s.execute("INSERT INTO call_session (call_sid, status, outcome, step, state) VALUES ('CAseeded1', 'completed', 'booked', "
                        + "'DONE', '{}')");
                s.execute("INSERT INTO call_turn (call_sid, turn, said, heard, twiml, step, next_step, engine, extractor, confidence, "
                        + "expected_slot, understood, reasked, corrected) VALUES "
                        + "('CAseeded1', 1, 'x', 'y', '<Response/>', 'ASK_TIME', 'ASK_TIME', 'twilio', 'model', 0.55, 'datetime', false, true, false),"
                        + "('CAseeded1', 2, 'x', 'y', '<Response/>', 'CONFIRM', 'CONFIRM', 'twilio', 'rules', 0.75, 'confirmation', true, false, true)");
                s.execute("INSERT INTO cost_entry (call_sid, provider, item, quantity, unit, usd) VALUES "
                        + "('CAseeded1', 'twilio', 'voice-inbound', 2, 'minute', 0.017), ('" + sid + "', 'twilio', 'speech', 2, 'block', 0.04)");
            }
            ErrorKinds errors = bella.camel().getRegistry().lookupByNameAndType("errorKinds", ErrorKinds.class);
            errors.recordError("api-appointments-create", new SQLException("connection refused"), "direct:x", "req-00000001");
            errors.recordError("api-appointments-create", new SQLException("connection refused"), "direct:x", "req-00000002");
            report.refresh(); // the snapshot timer's step: roll-up, then the answer is computed afresh
            java.math.BigDecimal spent; // the real call's own speech and voice costs, and the seeded ones
            try (Connection c = bella.jdbc(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT sum(usd) FROM cost_entry WHERE call_sid IN ('CAseeded1', '" + sid + "')")) {
                rs.next();
                spent = rs.getBigDecimal(1);
            }
            assertThat(spent).isGreaterThan(new java.math.BigDecimal("0.057"));

            JsonNode m = get(bella);
            int realTurns = turns.size() + 2;
            assertThat(m.path("speech").path("turns").asLong()).isEqualTo(realTurns);
            assertThat(m.path("callSuccess").path("calls").asLong()).isEqualTo(2);
            assertThat(m.path("callSuccess").path("succeeded").asLong()).isEqualTo(1);
            assertThat(m.path("callSuccess").path("rate").asDouble()).isEqualTo(0.5);
            assertThat(m.path("speech").path("reasked").asLong()).isEqualTo(1 + turns.stream().filter(t -> t.contains("reasked=true")).count());
            assertThat(m.path("speech").path("corrected").asLong()).isEqualTo(1 + turns.stream().filter(t -> t.contains("corrected=true")).count());
            double expectedConfidence = (0.95 * turns.size() + 0.55 + 0.75) / realTurns;
            assertThat(m.path("speech").path("meanConfidence").asDouble()).isCloseTo(expectedConfidence, org.assertj.core.data.Offset.offset(0.001));
            JsonNode datetimeModel = find(m.path("extraction"), "datetime", "model");
            assertThat(datetimeModel.path("turns").asLong()).isEqualTo(1);
            assertThat(datetimeModel.path("successRate").asDouble()).isZero();
            assertThat(find(m.path("extraction"), "name", "rules").path("successRate").asDouble()).isEqualTo(1.0);
            long callsLast24h = 0;
            for (JsonNode h : m.path("hourly")) {
                callsLast24h += h.path("calls").asLong();
            }
            assertThat(m.path("hourly").size()).isEqualTo(24);
            assertThat(callsLast24h).isEqualTo(2);
            JsonNode today = m.path("daily").get(m.path("daily").size() - 1);
            assertThat(today.path("calls").asLong()).as("rolled up into business_daily").isEqualTo(2);
            assertThat(today.path("cost").decimalValue()).isEqualByComparingTo(spent);
            assertThat(m.path("costs").path("calls").asLong()).isEqualTo(2);
            assertThat(m.path("costs").path("costPerCall").decimalValue()).isEqualByComparingTo(spent.divide(java.math.BigDecimal.valueOf(2), 6, java.math.RoundingMode.HALF_UP));
            assertThat(m.path("latency").path("turnMs").path("count").asLong()).isGreaterThanOrEqualTo(turns.size());
            assertThat(m.path("latency").path("turnMs").path("p99").isNumber()).isTrue();
            JsonNode error = m.path("errors").get(0);
            assertThat(error.path("route").asText()).isEqualTo("api-appointments-create");
            assertThat(error.path("exception").asText()).isEqualTo("java.sql.SQLException");
            assertThat(error.path("service").asText()).isEqualTo("postgres");
            assertThat(error.path("count").asLong()).isEqualTo(2);
            assertThat(error.path("sampleCorrelationId").asText()).isEqualTo("req-00000002");
            assertThat(error.path("firstSeen").asText()).isNotBlank();

            String prometheus = bella.observe("/observe/metrics").body();
            assertThat(prometheus).contains("bella_business_call_success_ratio 0.5")
                    .contains("bella_business_extraction_success_ratio{path=\"rules\",slot=\"name\"} 1.0");
            assertThat(bella.get("/api/unified/business-metrics").statusCode()).as("read scope required").isEqualTo(401);
        }
    }

    static JsonNode get(BellaServer bella) throws Exception {
        var r = bella.get("/api/unified/business-metrics", BellaServer.ADMIN_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static JsonNode find(JsonNode rows, String slot, String path) {
        for (JsonNode r : rows) {
            if (r.path("slot").asText().equals(slot) && r.path("path").asText().equals(path)) {
                return r;
            }
        }
        throw new AssertionError("no extraction row " + slot + "/" + path + " in " + rows);
    }
}
