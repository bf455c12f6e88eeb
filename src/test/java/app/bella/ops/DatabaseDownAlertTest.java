package app.bella.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.bella.platform.EmbeddedPostgresServer;
import app.bella.testing.BellaServer;
import app.bella.testing.TempDirectories;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bella on a PostgreSQL of its own (zonky, embedded) that the test stops: the "database unreachable" CRITICAL reaches
 * the Slack fake, the on-call SMS and the e-mail within a minute although the alert store is down; once PostgreSQL is
 * back the outage is recorded as an alert with its deliveries, resolved, and the recovery is sent.
 */
class DatabaseDownAlertTest {

    static Path dir;
    static EmbeddedPostgresServer postgres;
    static ChannelDoubles doubles;
    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        dir = TempDirectories.deletedAtExit("bella-db-down");
        postgres = EmbeddedPostgresServer.start(dir, 0, false);
        doubles = new ChannelDoubles();
        Map<String, String> p = new HashMap<>(doubles.properties());
        p.put("bella.db.url", postgres.jdbcUrl("postgres"));
        p.put("bella.db.user", "postgres");
        p.put("bella.alerts.database.check-interval-ms", "10000"); // the defaults: 10 s probes, 2 failures
        bella = BellaServer.start(p);
    }

    @AfterAll
    static void stop() throws Exception {
        if (bella != null) {
            bella.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (doubles != null) {
            doubles.close();
        }
    }

    @Test
    void databaseDownReachesSlackWithinAMinuteAndIsRecordedWhenBack() throws Exception {
        int port = postgres.port();
        postgres.close();
        long stopped = System.nanoTime();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> !doubles.slack("Database unreachable").isEmpty());
        long seconds = Duration.ofNanos(System.nanoTime() - stopped).toSeconds();
        System.out.println("database-down CRITICAL reached Slack " + seconds + " s after PostgreSQL stopped");
        assertThat(doubles.slack("Database unreachable").get(0).getBodyAsString()).contains("CRITICAL");
        await().atMost(Duration.ofSeconds(20)).until(() -> !doubles.sms("Database unreachable").isEmpty()
                && !doubles.emails("Database unreachable").isEmpty());

        postgres = EmbeddedPostgresServer.start(dir, port, false);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> recorded() != null);
        String[] row = recorded();
        assertThat(row[0]).isEqualTo("critical");
        assertThat(row[1]).as("deliveries recorded").contains("slack:sent").contains("sms:sent").contains("email:sent");
        await().atMost(Duration.ofSeconds(60)).until(() -> doubles.slack("Database unreachable").size() >= 2);
        assertThat(doubles.slack("Database unreachable")).as("the raise once, then the recovery").hasSize(2);
    }

    /** {severity, "channel:status,…"} of the recorded, resolved outage alert; null until there is one. */
    static String[] recorded() {
        try (Connection c = DriverManager.getConnection(bella.dbUrl(), "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT a.severity, string_agg(d.channel || ':' || d.status, ',' ORDER BY d.channel) "
                     + "FROM alert a JOIN alert_delivery d ON d.alert_id = a.id AND d.kind = 'raised' "
                     + "WHERE a.source = 'database' AND a.state = 'resolved' GROUP BY a.id, a.severity")) {
            return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
        } catch (Exception e) {
            return null;
        }
    }
}
