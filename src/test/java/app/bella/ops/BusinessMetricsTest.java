package app.bella.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.bella.testing.BellaServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** metric.snapshot events carry the business at a glance, once per period, and the gauges show the same values. */
class BusinessMetricsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void snapshotsArePublishedOncePerPeriodAndShownAsGauges() throws Exception {
        try (BellaServer bella = BellaServer.start(Map.of("bella.api.bootstrap-api-key", BellaServer.ADMIN_KEY,
                "bella.clock", "2025-10-08T10:00:00-06:00", "bella.metrics.snapshot-interval-ms", "600000",
                "bella.metrics.snapshot-delay-ms", "600000"))) {
            var r = bella.send(HttpRequest.newBuilder(bella.uri("/api/appointments")).header("X-API-Key", BellaServer.ADMIN_KEY)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"Ada King\",\"phone\":\"+15875559901\",\"start\":\"2025-10-09T10:00:00-06:00\"}")));
            assertThat(r.statusCode()).isEqualTo(201);

            BusinessMetrics metrics = bella.camel().getRegistry().lookupByNameAndType("businessMetrics", BusinessMetrics.class);
            // the timer may already have claimed this period; a second instance (or call) must not publish it again
            metrics.snapshot();
            assertThat(metrics.snapshot()).as("the period is already published").isFalse();

            Map<String, Double> published = new HashMap<>();
            try (Connection c = bella.jdbc(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT payload FROM outbox_event WHERE type = 'metric.snapshot'")) {
                while (rs.next()) {
                    JsonNode payload = JSON.readTree(rs.getString(1)).get("payload");
                    assertThat(published.put(payload.get("metric").asText(), payload.get("value").asDouble()))
                            .as("one snapshot per metric and period").isNull();
                }
            }
            assertThat(published).containsEntry("bookings.today", 1.0).containsEntry("appointments.upcoming", 1.0)
                    .containsKey("spend.month.usd");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(bella.observe("/observe/metrics").body()).contains("bella_bookings_today").contains("bella_spend_month_usd"));
        }
    }
}
