package app.bella.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.bella.testing.BellaServer;
import app.bella.testing.SharedInfrastructure;
import app.bella.voice.CallPathDatabase;
import app.bella.voice.DatabaseUnavailableException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * database-breaker over a real Hikari pool: an unreachable PostgreSQL is known within the short wait and then at once;
 * a pool that is only busy (PostgreSQL fine) is waited for and never opens the breaker.
 */
class CallPathDatabaseTest {

    static final CallPathDatabase.Settings SETTINGS = new CallPathDatabase.Settings(Duration.ofMillis(300), 1, Duration.ofSeconds(30));

    static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(3_000);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    @Test
    void anUnreachableDatabaseIsKnownWithinTheShortWaitThenAtOnce() throws Exception {
        try (HikariDataSource hikari = pool("jdbc:postgresql://127.0.0.1:" + BellaServer.freePort() + "/postgres")) {
            CallPathDatabase db = new CallPathDatabase(hikari, Beans.callPathPool(hikari), SETTINGS);
            long t0 = System.nanoTime();
            assertThatThrownBy(db::getConnection).isInstanceOf(DatabaseUnavailableException.class);
            long first = (System.nanoTime() - t0) / 1_000_000;
            t0 = System.nanoTime();
            assertThatThrownBy(db::getConnection).isInstanceOf(DatabaseUnavailableException.class).hasMessageContaining("open");
            long second = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("unreachable PostgreSQL: first " + first + " ms, then " + second + " ms");
            assertThat(first).isBetween(250L, 1_000L);
            assertThat(second).isLessThan(50L);
            assertThat(db.open()).isTrue();
        }
    }

    @Test
    void aBusyPoolIsWaitedForAndNeverOpensTheBreaker() throws Exception {
        try (HikariDataSource hikari = pool(SharedInfrastructure.get().newDatabase())) {
            CallPathDatabase db = new CallPathDatabase(hikari, Beans.callPathPool(hikari), SETTINGS);
            Connection held = hikari.getConnection(); // the pool's only connection
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(800);
                    held.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long t0 = System.nanoTime();
            try (Connection c = db.getConnection()) {
                assertThat(c.isValid(1)).isTrue();
            }
            assertThat((System.nanoTime() - t0) / 1_000_000).as("waited past the short wait for the busy pool").isGreaterThan(600L);
            release.join();
            assertThat(db.open()).isFalse();
        }
    }
}
