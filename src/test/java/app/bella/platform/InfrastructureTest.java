package app.bella.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfrastructureTest {

    @Test
    void databaseUrlIsLoggedWithoutCredentials() {
        assertThat(Infrastructure.redactUrl("jdbc:postgresql://bella:s3cret@db.internal:5432/bella?password=x"))
                .isEqualTo("jdbc:postgresql://db.internal:5432/bella");
        assertThat(Infrastructure.redactUrl("jdbc:postgresql://db:5432/bella")).isEqualTo("jdbc:postgresql://db:5432/bella");
    }

    @Test
    void portsForEmbeddedServersAreNeverHandedOutTwice() throws Exception {
        // the system offers a port again soon after its probe socket closes (16-21 repeats in 500 plain picks here)
        java.util.Set<Integer> ports = new java.util.HashSet<>();
        for (int i = 0; i < 500; i++) {
            assertThat(ports.add(Infrastructure.freeLocalPort())).as("pick %d is a new port", i).isTrue();
        }
    }

    @Test
    void stalePidFileOfADeadProcessIsRemoved(@TempDir Path pgData) throws Exception {
        Path pid = pgData.resolve("postmaster.pid");
        Files.writeString(pid, "2147483600\n/some/dir\n");
        EmbeddedPostgresServer.stopStalePostmaster(pgData);
        assertThat(pid).doesNotExist();
    }
}
