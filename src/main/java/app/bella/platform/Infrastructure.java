package app.bella.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
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
    private final Path dataDir;
    private final int embeddedKafkaPort;
    /** The embedded broker starting in the background (null until started, and for configured servers). */
    private volatile CompletableFuture<EmbeddedKafkaBroker> kafkaStarting;
    /** The embedded server's start (if any) and the migrations, in the background. */
    private CompletableFuture<Void> databaseReady;
    private volatile EmbeddedPostgresServer postgres;
    private final boolean embeddedDatabase;
    private final boolean embeddedKafka;

    private Infrastructure(Settings settings) throws Exception {
        embeddedDatabase = settings.dbUrl().isBlank();
        embeddedKafka = settings.kafkaBootstrapServers().isBlank();
        if (embeddedDatabase || embeddedKafka) {
            lockDataDir(settings.dataDir());
        }
        // The embedded broker takes ~5 s of CPU to start; nothing Bella needs to serve calls waits for it (events wait in
        // the outbox, readiness does not depend on Kafka), so it gets a port now and starts once Bella is serving
        // (startKafka): on two cores a parallel start only slows the routes' start down.
        if (embeddedKafka) {
            embeddedKafkaPort = settings.embeddedKafkaPort() > 0 ? settings.embeddedKafkaPort() : freeLocalPort();
            kafkaBootstrapServers = EmbeddedKafkaBroker.bootstrapServers(embeddedKafkaPort);
        } else {
            LOG.info("Kafka: configured bootstrap servers {}", settings.kafkaBootstrapServers());
            kafkaBootstrapServers = settings.kafkaBootstrapServers();
            embeddedKafkaPort = 0;
        }
        dataDir = settings.dataDir();
        try {
            dataSource = openDatabase(settings);
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** Ports this process has handed out: the system may offer a port again once its probe socket is closed. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port free on the loopback interface now, for a server started a moment later, and never one this process
     * handed out before (Kafka's broker and controller and PostgreSQL pick theirs one after another).
     */
    static int freeLocalPort() throws IOException {
        while (true) {
            try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }

    private static Thread daemon(String name, Runnable runnable) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * The pools are made at once, on the embedded server's port chosen now; the server's start and the migrations run
     * in the background while Camel loads the routes ({@link #awaitDatabase()} joins them before the routes start).
     */
    private HikariDataSource openDatabase(Settings settings) throws IOException {
        String dbUrl = settings.dbUrl();
        String dbUser = settings.dbUser();
        String dbPassword = settings.dbPassword();
        int embeddedPort = 0;
        if (embeddedDatabase) {
            embeddedPort = settings.embeddedDbPort() > 0 ? settings.embeddedDbPort() : freeLocalPort();
            dbUrl = EmbeddedPostgresServer.jdbcUrl(embeddedPort, "postgres");
            dbUser = EmbeddedPostgresServer.APP_ROLE; // not a superuser: it owns Bella's schema and nothing more
            dbPassword = EmbeddedPostgresServer.credentials(settings.dataDir()).appPassword();
            opened.push(() -> { // the server is closed after both pools
                if (postgres != null) {
                    postgres.close();
                }
            });
        } else {
            LOG.info("Database: configured server {}", redactUrl(dbUrl));
        }
        HikariDataSource pool = pool("bella-db", dbUrl, dbUser, dbPassword, settings.dbPoolSize());
        synchronized (opened) {
            opened.push(pool);
        }
        HikariDataSource background = pool("bella-db-background", dbUrl, dbUser, dbPassword, settings.dbBackgroundPoolSize());
        synchronized (opened) {
            opened.push(background); // closed before the main pool
        }
        backgroundDataSource = background;
        int port = embeddedPort;
        databaseReady = CompletableFuture.runAsync(() -> {
            if (embeddedDatabase) {
                startPostgres(settings.dataDir(), port);
            }
            migrate(background); // Flyway holds two connections (its lock and the migration): not the call path's
        }, runnable -> daemon("bella-database-start", runnable).start());
        return pool;
    }

    private void startPostgres(Path dataDir, int port) {
        long t0 = System.nanoTime();
        try {
            postgres = EmbeddedPostgresServer.start(dataDir, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.info("Database: embedded PostgreSQL on port {} with data in {} (started in {} ms)", port,
                dataDir.resolve("postgres").toAbsolutePath(), (System.nanoTime() - t0) / 1_000_000);
    }

    /** Waits until the database is up and migrated; throws why it is not. */
    public void awaitDatabase() throws Exception {
        try {
            databaseReady.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Starts the embedded broker (if any) in the background, once; its clients retry until it is up. */
    public synchronized void startKafka() {
        if (embeddedKafka && kafkaStarting == null) {
            kafkaStarting = CompletableFuture.supplyAsync(() -> startKafka(dataDir, embeddedKafkaPort),
                    runnable -> daemon("bella-kafka-start", runnable).start());
        }
    }

    private EmbeddedKafkaBroker startKafka(Path dataDir, int port) {
        long t0 = System.nanoTime();
        try {
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, port);
            synchronized (opened) {
                opened.push(broker);
            }
            LOG.info("Kafka: embedded single-node KRaft broker at {} with data in {} (started in {} ms, in the background)",
                    broker.bootstrapServers(), dataDir.resolve("kafka").toAbsolutePath(), (System.nanoTime() - t0) / 1_000_000);
            return broker;
        } catch (IOException | RuntimeException e) {
            LOG.error("The embedded Kafka broker did not start ({}): events wait in the outbox, and readiness details show "
                    + "Kafka as down", e.toString(), e);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
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

    /**
     * Opens everything; whatever was opened before a failure is closed again. The database may still be starting:
     * {@link #awaitDatabase()} before using it; the embedded Kafka broker may still be starting (clients retry).
     */
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

    /** False while the embedded broker is still starting (or failed to); true for configured servers. */
    public boolean kafkaStarted() {
        CompletableFuture<EmbeddedKafkaBroker> starting = kafkaStarting;
        return !embeddedKafka || (starting != null && starting.isDone() && !starting.isCompletedExceptionally());
    }

    @Override
    public void close() {
        if (databaseReady != null) {
            databaseReady.handle((ok, failure) -> null).join(); // a server half-way up is stopped once it is up
        }
        CompletableFuture<EmbeddedKafkaBroker> starting;
        synchronized (this) {
            starting = kafkaStarting;
            kafkaStarting = CompletableFuture.completedFuture(null); // closing: never start it after this
        }
        if (starting != null) {
            starting.handle((broker, failure) -> null).join(); // a broker half-way up is closed once it is up
        }
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
