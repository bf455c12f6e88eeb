package app.bella.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.bella.testing.SharedInfrastructure;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The guard over a real Hikari pool on PostgreSQL: one connection per thread, whichever guard of the pool is asked. */
class OneConnectionPerThreadTest {

    static HikariDataSource pool;

    @BeforeAll
    static void start() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(SharedInfrastructure.get().newDatabase());
        config.setUsername("postgres");
        config.setMaximumPoolSize(3);
        pool = new HikariDataSource(config);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @Test
    void aThreadHoldingAConnectionIsRefusedASecondOneUntilItHandsTheFirstBack() throws Exception {
        OneConnectionPerThread guard = new OneConnectionPerThread(pool, "test-pool", true);
        try (Connection first = guard.getConnection()) {
            assertThat(first.isValid(1)).isTrue();
            assertThatThrownBy(guard::getConnection).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("test-pool").hasMessageContaining("second connection");
            // another thread is not this thread: it gets its own
            try (Connection other = CompletableFuture.supplyAsync(() -> {
                try {
                    return guard.getConnection();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).get(10, TimeUnit.SECONDS)) {
                assertThat(other.isValid(1)).isTrue();
            }
        }
        try (Connection again = guard.getConnection()) {
            assertThat(again.isValid(1)).as("the first was handed back").isTrue();
        }
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
    }

    @Test
    void guardsOverTheSamePoolShareWhoHoldsWhat() throws Exception {
        OneConnectionPerThread guard = new OneConnectionPerThread(pool, "test-pool", true);
        OneConnectionPerThread sameStore = guard.alsoOver(pool);
        try (Connection held = guard.getConnection()) {
            assertThat(held.isClosed()).isFalse();
            assertThatThrownBy(sameStore::getConnection).isInstanceOf(IllegalStateException.class);
        }
        try (Connection c = sameStore.getConnection()) {
            assertThat(c.isValid(1)).isTrue();
        }
    }

    @Test
    void notStrictItHandsOutTheSecondConnectionAndOnlyLogs() throws Exception {
        OneConnectionPerThread guard = new OneConnectionPerThread(pool, "test-pool", false);
        try (Connection first = guard.getConnection(); Connection second = guard.getConnection()) {
            assertThat(second).isNotSameAs(first);
            assertThat(second.isValid(1)).isTrue();
        }
        assertThat(guard.unwrap(HikariDataSource.class)).isSameAs(pool);
        assertThat(guard.isWrapperFor(HikariDataSource.class)).isTrue();
    }
}
