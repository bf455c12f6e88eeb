package app.bella.platform;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.BellaServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With no database URL and no bootstrap servers Bella starts its own PostgreSQL and Kafka, and keeps their data. */
class EmbeddedDefaultsTest {

    @Test
    void startsEmbeddedServicesAndKeepsDataAcrossARestart(@TempDir Path dataDir) throws Exception {
        Properties p = new Properties();
        p.setProperty("bella.data-dir", dataDir.toString());
        p.setProperty("bella.db.url", "");
        p.setProperty("bella.kafka.bootstrap-servers", "");

        BellaServer first = BellaServer.start(p);
        try {
            assertThat(first.get("/readyz").statusCode()).isEqualTo(200);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> BellaServer.start(p).close())
                    .as("a second instance on the same data directory fails fast")
                    .hasStackTraceContaining("is in use by another Bella");
            try (Connection c = first.camel().getRegistry().lookupByNameAndType("dataSource", javax.sql.DataSource.class).getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO practice_setting(key, value) VALUES ('restart-probe', 'kept')")) {
                ps.executeUpdate();
                ResultSet role = c.createStatement().executeQuery("SELECT current_user, rolsuper, rolcreaterole, rolcreatedb "
                        + "FROM pg_roles WHERE rolname = current_user");
                role.next();
                assertThat(role.getString(1)).isEqualTo("bella");
                assertThat(role.getBoolean(2)).as("the application's connection is not a superuser").isFalse();
                assertThat(role.getBoolean(3) || role.getBoolean(4)).isFalse();
                ResultSet owners = c.createStatement().executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' "
                        + "AND tableowner <> 'bella'");
                owners.next();
                assertThat(owners.getInt(1)).as("bella owns the schema").isZero();
            }
            int pgPort = first.camel().getRegistry().lookupByNameAndType("dataSource", com.zaxxer.hikari.HikariDataSource.class)
                    .getJdbcUrl().replaceAll(".*:(\\d+)/.*", "$1").transform(Integer::parseInt);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> java.sql.DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "postgres", "")).as("no password, no entry")
                    .hasMessageContaining("password");
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(
                    dataDir.resolve("postgres-credentials.properties")))).isEqualTo("rw-------");
        } finally {
            first.close();
        }
        assertThat(Files.exists(dataDir.resolve("postgres/postmaster.pid"))).as("PostgreSQL stopped with the app").isFalse();
        assertThat(dataDir.resolve("kafka/logs/meta.properties")).exists();

        BellaServer second = BellaServer.start(p);
        try (Connection c = second.camel().getRegistry().lookupByNameAndType("dataSource", javax.sql.DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT value FROM practice_setting WHERE key = 'restart-probe'")) {
            ResultSet rs = ps.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("kept");
        } finally {
            second.close();
        }
    }
}
