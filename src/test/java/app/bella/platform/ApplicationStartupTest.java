package app.bella.platform;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.BellaServer;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApplicationStartupTest {

    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        bella = BellaServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
    }

    @Test
    void servesOnTheConfiguredNon8080Port() {
        assertThat(bella.port()).isNotEqualTo(8080);
        assertThat(bella.camel().getStatus()).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void livenessAnswersWithoutTouchingDependencies() throws Exception {
        HttpResponse<String> r = bella.get("/healthz");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    }

    @Test
    void readinessNamesEveryDependencyAsUp() throws Exception {
        // Kafka is asked in the background: its answer shows up in the body shortly after start
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> r = bella.get("/readyz");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"status\":\"UP\",\"checks\":{\"database\":\"UP\",\"kafka\":\"UP\",\"routes\":\"UP\"}}");
        });
    }

    @Test
    void camelObservabilityEndpointsAreServed() throws Exception {
        assertThat(bella.observe("/observe/health").statusCode()).isEqualTo(200);
        assertThat(bella.get("/").statusCode()).isEqualTo(200); // the console page's route has counted an exchange
        HttpResponse<String> metrics = bella.observe("/observe/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("camel_exchanges_total").contains("routeId=\"console-page\"");
    }

    @Test
    void flywayMigrationsApplied() throws Exception {
        try (Connection c = bella.jdbc(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success AND version = '1'");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
            rs = s.executeQuery("SELECT count(*) FROM pg_extension WHERE extname = 'btree_gist'");
            rs.next();
            assertThat(rs.getInt(1)).as("btree_gist for the no-overlap constraint").isEqualTo(1);
        }
    }

    @Test
    void yamlRoutesComeFromTheTopLevelFolder() {
        assertThat(bella.camel().getRoute("console-page")).isNotNull();
        assertThat(bella.camel().getRoute("console-page").getSourceLocation()).startsWith("file:routes/");
    }
}
