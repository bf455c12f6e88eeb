package app.bella.testing;

import app.bella.platform.EmbeddedKafkaBroker;
import app.bella.platform.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server and one real Kafka broker for the whole test JVM (starting them per test class would
 * cost seconds each). Every application under test gets a database of its own on that server.
 */
public final class SharedInfrastructure {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static SharedInfrastructure instance;

    private final Path dir;
    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafkaBroker kafka;

    private SharedInfrastructure() throws Exception {
        dir = Files.createTempDirectory("bella-test-infra");
        postgres = EmbeddedPostgresServer.start(dir, 0, false); // superuser without password, like a dev server
        kafka = EmbeddedKafkaBroker.start(dir, 0);
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "test-infrastructure-shutdown"));
    }

    public static synchronized SharedInfrastructure get() {
        if (instance == null) {
            try {
                instance = new SharedInfrastructure();
            } catch (Exception e) {
                throw new IllegalStateException("Could not start the test PostgreSQL/Kafka", e);
            }
        }
        return instance;
    }

    /** A new empty database; returns its JDBC URL. */
    public String newDatabase() {
        String name = "bella_test_" + DATABASES.incrementAndGet();
        execute("postgres", "CREATE DATABASE " + name);
        return postgres.jdbcUrl(name);
    }

    /** Runs a statement as the superuser in the given database. */
    public void execute(String database, String sql) {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(database), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    private void close() {
        try {
            kafka.close();
        } catch (Exception ignored) {
            // the JVM is going away
        }
        try {
            postgres.close();
        } catch (Exception ignored) {
            // the JVM is going away
        } finally {
            TempDirectories.delete(dir); // a server's data is about a gigabyte: one per suite run would fill the disk
        }
    }
}
