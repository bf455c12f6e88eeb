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
    void stalePidFileOfADeadProcessIsRemoved(@TempDir Path pgData) throws Exception {
        Path pid = pgData.resolve("postmaster.pid");
        Files.writeString(pid, "2147483600\n/some/dir\n");
        EmbeddedPostgresServer.stopStalePostmaster(pgData);
        assertThat(pid).doesNotExist();
    }
}
