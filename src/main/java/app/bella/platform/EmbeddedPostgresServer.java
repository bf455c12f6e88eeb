package app.bella.platform;

import app.bella.support.Sql;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL 17 server run from the zonky binaries, its data kept in a directory that survives restarts.
 * PostgreSQL is not a child of the JVM: after a kill -9 the old postmaster lives on, so it is stopped first.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    /** The role Bella connects as: it owns the schema, and is not a superuser. */
    public static final String APP_ROLE = "bella";
    private static final String HBA_MARKER = "# bella: passwords required";

    /** The passwords of the superuser (postgres) and of the application role, kept in the data directory. */
    public record Credentials(String superuserPassword, String appPassword) {
    }

    private final EmbeddedPostgres postgres;
    private final Credentials credentials;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Credentials credentials) {
        this.postgres = postgres;
        this.credentials = credentials;
    }

    /**
     * Starts (initdb on first use) with data in {@code dataDir/postgres}, binaries unpacked in {@code dataDir/runtime}.
     * On first start (or on a data directory from before) it gives the superuser a password, creates the
     * password-protected application role {@value #APP_ROLE} that owns the schema, and requires passwords from then on;
     * both passwords are generated and kept in {@code dataDir/postgres-credentials.properties} (owner-only).
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port) throws IOException {
        return start(dataDir, port, true);
    }

    /**
     * {@code applicationRole} false: a plain server whose superuser needs no password, nothing else set up (the tests'
     * shared server, standing in for a configured PostgreSQL).
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port, boolean applicationRole) throws IOException {
        Path pgData = dataDir.resolve("postgres").toAbsolutePath();
        Path runtime = dataDir.resolve("runtime").toAbsolutePath();
        Files.createDirectories(runtime);
        stopStalePostmaster(pgData);
        Credentials credentials = applicationRole ? credentials(dataDir) : new Credentials("", "");
        boolean secured = applicationRole && isSecured(pgData);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(runtime.toFile())
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(30))
                .setServerConfig("max_connections", "200")
                // zonky's defaults trade durability for speed; a booking must survive a crash
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on");
        if (secured) {
            builder.setConnectConfig("password", credentials.superuserPassword()); // zonky's own start-up check
        }
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        if (!applicationRole) {
            return new EmbeddedPostgresServer(postgres, credentials);
        }
        try {
            secure(postgres, pgData, credentials, secured);
        } catch (SQLException | IOException | RuntimeException e) {
            postgres.close();
            throw new IOException("Could not set up the database role " + APP_ROLE + ": " + e.getMessage(), e);
        }
        return new EmbeddedPostgresServer(postgres, credentials);
    }

    /** The credentials kept in this data directory (generated on first use). */
    public static Credentials credentials(Path dataDir) throws IOException {
        Path file = dataDir.resolve("postgres-credentials.properties");
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (var in = Files.newInputStream(file)) {
                p.load(in);
            }
        }
        if (p.getProperty("superuser.password") == null || p.getProperty("app.password") == null) {
            p.setProperty("superuser.password", p.getProperty("superuser.password", randomPassword()));
            p.setProperty("app.password", p.getProperty("app.password", randomPassword()));
            Files.createDirectories(dataDir);
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            try (var out = Files.newOutputStream(file)) {
                p.store(out, "embedded PostgreSQL passwords, generated by Bella; keep this file private");
            }
        }
        return new Credentials(p.getProperty("superuser.password"), p.getProperty("app.password"));
    }

    private static boolean isSecured(Path pgData) throws IOException {
        Path hba = pgData.resolve("pg_hba.conf");
        return Files.exists(hba) && Files.readString(hba).contains(HBA_MARKER);
    }

    /** Idempotent: role, ownership, then (once) passwords required for every connection. */
    private static void secure(EmbeddedPostgres postgres, Path pgData, Credentials credentials, boolean secured)
            throws SQLException, IOException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
        ds.setUser("postgres");
        ds.setPassword(credentials.superuserPassword());
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            if (!secured) {
                st.execute("ALTER ROLE postgres PASSWORD " + literal(c, credentials.superuserPassword()));
            }
            boolean exists;
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + APP_ROLE + "'")) {
                exists = rs.next();
            }
            st.execute((exists ? "ALTER" : "CREATE") + " ROLE " + APP_ROLE + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
                    + "NOREPLICATION NOBYPASSRLS PASSWORD " + literal(c, credentials.appPassword()));
            st.execute("CREATE EXTENSION IF NOT EXISTS btree_gist");
            st.execute(Sql.get("embedded-app-role-owns-schema"));
        }
        if (!secured) {
            Files.writeString(pgData.resolve("pg_hba.conf"), HBA_MARKER + " (written by Bella)\n"
                    + "local all all scram-sha-256\n"
                    + "host all all 127.0.0.1/32 scram-sha-256\n"
                    + "host all all ::1/128 scram-sha-256\n");
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute("SELECT pg_reload_conf()");
            }
            LOG.info("Embedded PostgreSQL: passwords now required; Bella connects as the role {} (not a superuser)", APP_ROLE);
        }
    }

    private static String literal(Connection c, String value) throws SQLException {
        return c.unwrap(org.postgresql.core.BaseConnection.class).escapeString(value).transform(v -> "'" + v + "'");
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String appUser() {
        return APP_ROLE;
    }

    public String appPassword() {
        return credentials.appPassword();
    }

    /** For the commands that dump and restore the whole database (bella backup / restore). */
    public String superuserPassword() {
        return credentials.superuserPassword();
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return jdbcUrl(port(), database);
    }

    public static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /** A postmaster.pid left by a JVM that died without stopping PostgreSQL: stop that server, then start ours. */
    static void stopStalePostmaster(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        Optional<ProcessHandle> stale = lines.isEmpty() ? Optional.empty()
                : parsePid(lines.get(0)).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (stale.isEmpty()) {
            Files.deleteIfExists(pidFile);
            return;
        }
        ProcessHandle process = stale.get();
        LOG.warn("Stopping a PostgreSQL left running by an earlier process (pid {})", process.pid());
        process.destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients died with the old JVM
        try {
            process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(pidFile);
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
