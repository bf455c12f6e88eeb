package app.bella.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stateful outside parts Bella runs on: PostgreSQL (a configured server, or an embedded one) with the schema
 * migrated, and Kafka (configured bootstrap servers, or an embedded broker). Closed in reverse order of opening.
 */
public final class Infrastructure implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);

    /** What the configuration says; empty strings mean "start an embedded one". */
    public record Settings(Path dataDir, String dbUrl, String dbUser, String dbPassword, int dbPoolSize,
                           int dbBackgroundPoolSize, int embeddedDbPort, String kafkaBootstrapServers, int embeddedKafkaPort) {
    }

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final HikariDataSource dataSource;
    /** Background work's own pool (outbox relay, notifications, alerts, snapshots): it never starves the call path. */
    private HikariDataSource backgroundDataSource;
    private final String kafkaBootstrapServers;
    private final boolean embeddedDatabase;
    private final boolean embeddedKafka;

    private Infrastructure(Settings settings) throws Exception {
        embeddedDatabase = settings.dbUrl().isBlank();
        embeddedKafka = settings.kafkaBootstrapServers().isBlank();
        if (embeddedDatabase || embeddedKafka) {
            lockDataDir(settings.dataDir());
        }
        // PostgreSQL and Kafka take seconds each to start: start them side by side
        CompletableFuture<String> kafka = CompletableFuture.supplyAsync(() -> openKafka(settings));
        try {
            dataSource = openDatabase(settings);
            kafkaBootstrapServers = kafka.join();
        } catch (RuntimeException | Error e) {
            kafka.handle((ok, failed) -> null).join();
            close();
            if (e instanceof CompletionException && e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (Exception e) {
            kafka.handle((ok, failed) -> null).join();
            close();
            throw e;
        }
    }

    private HikariDataSource openDatabase(Settings settings) throws Exception {
        String dbUrl = settings.dbUrl();
        String dbUser = settings.dbUser();
        String dbPassword = settings.dbPassword();
        if (embeddedDatabase) {
            long t0 = System.nanoTime();
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(settings.dataDir(), settings.embeddedDbPort());
            synchronized (opened) {
                opened.push(postgres);
            }
            dbUrl = postgres.jdbcUrl("postgres");
            dbUser = postgres.appUser(); // not a superuser: it owns Bella's schema and nothing more
            dbPassword = postgres.appPassword();
            LOG.info("Database: embedded PostgreSQL on port {} with data in {} (started in {} ms)", postgres.port(),
                    settings.dataDir().resolve("postgres").toAbsolutePath(), (System.nanoTime() - t0) / 1_000_000);
        } else {
            LOG.info("Database: configured server {}", redactUrl(dbUrl));
        }
        HikariDataSource pool = pool("bella-db", dbUrl, dbUser, dbPassword, settings.dbPoolSize());
        synchronized (opened) {
            opened.push(pool);
        }
        migrate(pool);
        HikariDataSource background = pool("bella-db-background", dbUrl, dbUser, dbPassword, settings.dbBackgroundPoolSize());
        synchronized (opened) {
            opened.push(background); // closed before the main pool
        }
        backgroundDataSource = background;
        return pool;
    }

    private String openKafka(Settings settings) {
        if (embeddedKafka) {
            long t0 = System.nanoTime();
            EmbeddedKafkaBroker broker;
            try {
                broker = EmbeddedKafkaBroker.start(settings.dataDir(), settings.embeddedKafkaPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            synchronized (opened) {
                opened.push(broker);
            }
            LOG.info("Kafka: embedded single-node KRaft broker at {} with data in {} (started in {} ms)",
                    broker.bootstrapServers(), settings.dataDir().resolve("kafka").toAbsolutePath(),
                    (System.nanoTime() - t0) / 1_000_000);
            return broker.bootstrapServers();
        }
        LOG.info("Kafka: configured bootstrap servers {}", settings.kafkaBootstrapServers());
        return settings.kafkaBootstrapServers();
    }

    /**
     * One Bella per data directory: a second instance on the same embedded data would fight over it (and would take
     * the first one's PostgreSQL for a stale one). Holding the lock also proves any postmaster found there is stale.
     */
    private void lockDataDir(Path dataDir) throws IOException {
        java.nio.file.Files.createDirectories(dataDir);
        java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(dataDir.resolve("bella.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null; // held by another Bella in this very JVM (tests)
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("The data directory " + dataDir.toAbsolutePath()
                    + " is in use by another Bella; stop it or set BELLA_DATA_DIR to another directory");
        }
        opened.push(channel); // closing the channel releases the lock, after everything else is closed
    }

    /** Opens everything; whatever was opened before a failure is closed again. */
    public static Infrastructure open(Settings settings) throws Exception {
        return new Infrastructure(settings);
    }

    /** The call path's and the API's pool (bella.db.pool-size); migrations run on it. */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Background work's pool (bella.db.background-pool-size): work that may hold a connection while it waits on Kafka
     * or a SaaS, and the readiness check, so that neither takes a connection a webhook needs.
     */
    public DataSource backgroundDataSource() {
        return backgroundDataSource;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public boolean embeddedDatabase() {
        return embeddedDatabase;
    }

    public boolean embeddedKafka() {
        return embeddedKafka;
    }

    @Override
    public void close() {
        while (true) {
            AutoCloseable resource;
            synchronized (opened) {
                if (opened.isEmpty()) {
                    return;
                }
                resource = opened.pop();
            }
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private static HikariDataSource pool(String name, String url, String user, String password, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(2_000);
        // start even while the database is down: readiness reports it, and the pool reconnects when it returns
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    static void migrate(DataSource dataSource) {
        var result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.info("Database schema migrated ({} migrations applied now)", result.migrationsExecuted);
    }

    /** jdbc:postgresql://user:secret@host/db → credentials removed for the log. */
    static String redactUrl(String url) {
        String noQuery = url.replaceAll("\\?.*$", "");
        return noQuery.replaceAll("//[^/@]*@", "//");
    }
}
