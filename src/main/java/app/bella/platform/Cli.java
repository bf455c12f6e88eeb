package app.bella.platform;

import app.bella.api.ApiKeys;
import app.bella.api.Scope;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Administrative subcommands run instead of the service ({@code java -jar bella.jar keys create --label ops --scope write}).
 * They use the configured database (BELLA_DB_URL); with the embedded one they connect to the PostgreSQL a running
 * Bella started in the data directory, or start it briefly when Bella is not running. No HTTP server, no Kafka.
 */
public final class Cli {

    private static final String USAGE = """
            usage: bella keys create --label LABEL --scope read|write|admin   prints the new key once
                   bella keys list                                           id, label, scope, prefix, created, revoked
                   bella keys revoke --id ID
                   bella backup FILE|DIRECTORY [--keep N]                   encrypted dump of the database (BELLA_BACKUP_KEY)
                   bella restore FILE [--force]                              into an empty database / BELLA_DATA_DIR
                   bella doctor                                              checks configuration and outside services""";

    private Cli() {
    }

    /** True when the arguments name a subcommand (otherwise main starts the service). */
    public static boolean handles(String[] args) {
        return args.length > 0 && (args[0].equals("keys") || args[0].equals("call") || OpsCommands.NAMES.contains(args[0]));
    }

    /** Runs a subcommand; the exit status (0 ok, 1 failed, 2 usage). {@code overrides} are property names (tests). */
    public static int run(String[] args, Properties overrides, PrintStream out, PrintStream err) {
        if (args.length > 0 && OpsCommands.NAMES.contains(args[0])) {
            return OpsCommands.run(args, overrides, out, err);
        }
        if (args[0].equals("call")) { // a test call against a running Bella (docs/console.md)
            return app.bella.console.CallCommand.run(Arrays.asList(args).subList(1, args.length), overrides, out, err);
        }
        Map<String, String> options;
        try {
            options = options(Arrays.asList(args).subList(Math.min(2, args.length), args.length));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        String action = args.length > 1 ? args[1] : "";
        try (DefaultCamelContext camel = new DefaultCamelContext(false)) {
            PropertiesComponent props = camel.getPropertiesComponent();
            props.setLocation("classpath:application.properties");
            props.setOverrideProperties(overrides);
            camel.init(); // type converters for the {{env:…}} functions; nothing is started
            return switch (action) {
                case "create" -> withDatabase(props, err, c -> create(c, options, out, err));
                case "list" -> withDatabase(props, err, c -> list(c, out));
                case "revoke" -> withDatabase(props, err, c -> revoke(c, options, out, err));
                default -> {
                    err.println(USAGE);
                    yield 2;
                }
            };
        } catch (java.io.IOException e) {
            return 0; // closing a context that never started
        }
    }

    private static int create(Connection c, Map<String, String> options, PrintStream out, PrintStream err) throws SQLException {
        String label = options.get("label");
        Scope scope;
        try {
            scope = Scope.parse(options.getOrDefault("scope", ""));
        } catch (IllegalArgumentException e) {
            err.println("--scope must be read, write or admin");
            return 2;
        }
        if (label == null || label.isBlank() || label.length() > 100) {
            err.println("--label is required (1 to 100 characters)");
            return 2;
        }
        ApiKeys.Created created = new ApiKeys().create(c, label.strip(), scope);
        c.commit();
        err.println("API key " + created.info().id() + " '" + created.info().label() + "' (" + scope.wire()
                + ") created. It is shown only now; send it as the X-API-Key header:");
        out.println(created.key());
        return 0;
    }

    private static int list(Connection c, PrintStream out) throws SQLException {
        out.println("id\tlabel\tscope\tprefix\tcreated\trevoked");
        for (ApiKeys.Info k : new ApiKeys().list(c)) {
            out.println(k.id() + "\t" + k.label() + "\t" + k.scope().wire() + "\t" + k.prefix() + "…\t" + k.createdAt() + "\t"
                    + (k.revokedAt() == null ? "-" : k.revokedAt()));
        }
        return 0;
    }

    private static int revoke(Connection c, Map<String, String> options, PrintStream out, PrintStream err) throws SQLException {
        long id;
        try {
            id = Long.parseLong(options.getOrDefault("id", ""));
        } catch (NumberFormatException e) {
            err.println("--id ID is required");
            return 2;
        }
        if (!new ApiKeys().revoke(c, id)) {
            err.println("No API key " + id);
            return 1;
        }
        c.commit();
        out.println("API key " + id + " revoked");
        return 0;
    }

    @FunctionalInterface
    private interface Command {
        int run(Connection c) throws SQLException;
    }

    /** Opens the configured database (migrated), runs the command in one transaction, and closes everything again. */
    private static int withDatabase(PropertiesComponent props, PrintStream err, Command command) {
        String url = props.resolveProperty("bella.db.url").orElse("");
        String user = props.resolveProperty("bella.db.user").orElse("");
        String password = props.resolveProperty("bella.db.password").orElse("");
        EmbeddedPostgresServer started = null;
        try {
            if (url.isBlank()) {
                Path dataDir = Path.of(props.resolveProperty("bella.data-dir").orElse("data"));
                Optional<Integer> running = runningEmbeddedPort(dataDir.resolve("postgres"));
                int port;
                if (running.isPresent()) {
                    port = running.get();
                } else {
                    started = EmbeddedPostgresServer.start(dataDir, 0);
                    port = started.port();
                }
                url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
                user = EmbeddedPostgresServer.APP_ROLE;
                password = EmbeddedPostgresServer.credentials(dataDir).appPassword();
            }
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(url);
            ds.setUser(user);
            ds.setPassword(password);
            Infrastructure.migrate(ds);
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                return command.run(c);
            }
        } catch (Exception e) {
            err.println("Failed: " + e.getMessage());
            return 1;
        } finally {
            if (started != null) {
                try {
                    started.close();
                } catch (Exception e) {
                    err.println("Stopping the embedded PostgreSQL failed: " + e);
                }
            }
        }
    }

    /** The port of a live PostgreSQL already serving this data directory (a running Bella), from postmaster.pid. */
    static Optional<Integer> runningEmbeddedPort(Path pgData) {
        try {
            List<String> lines = Files.readAllLines(pgData.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return Optional.of(Integer.parseInt(lines.get(3).trim()));
            }
        } catch (Exception e) {
            // no live server
        }
        return Optional.empty();
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument " + a);
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            out.put(name, value);
        }
        return out;
    }
}
