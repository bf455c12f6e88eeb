package app.bella.platform;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * {@code bella doctor}: checks the configuration and asks every configured outside service whether it answers and
 * accepts Bella's credentials, with short timeouts, and says in plain words what is OK, missing or failing. Nothing
 * is sent that a person would see (Slack gets an empty payload, which it rejects without posting). Exit status 1
 * when anything configured fails.
 */
final class Doctor {

    enum Status { OK, MISSING, FAIL }

    record Finding(Status status, String what, String words) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Function<String, String> settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<Finding> findings = new ArrayList<>();

    Doctor(Function<String, String> settings) {
        this.settings = settings;
    }

    int run(PrintStream out) {
        out.println("Bella doctor: configuration and outside services");
        database();
        kafka();
        twilio();
        openAi();
        smtp();
        slack();
        secrets();
        for (Finding f : findings) {
            out.printf("  %-8s %-10s %s%n", f.status(), f.what(), f.words());
        }
        long failed = findings.stream().filter(f -> f.status() == Status.FAIL).count();
        long missing = findings.stream().filter(f -> f.status() == Status.MISSING).count();
        out.println((findings.size() - failed - missing) + " OK, " + missing + " not configured, " + failed + " failing");
        return failed > 0 ? 1 : 0;
    }

    List<Finding> findings() {
        return findings;
    }

    private String get(String property) {
        return Optional.ofNullable(settings.apply(property)).map(String::strip).orElse("");
    }

    private void add(Status status, String what, String words) {
        findings.add(new Finding(status, what, words));
    }

    private void database() {
        String url = get("bella.db.url");
        if (url.isBlank()) {
            Path dataDir = Path.of(get("bella.data-dir").isBlank() ? "data" : get("bella.data-dir")).toAbsolutePath();
            Optional<Integer> running = Cli.runningEmbeddedPort(dataDir.resolve("postgres"));
            if (running.isPresent()) {
                // as Bella itself connects: the application role, with the password kept in the data directory
                check("Database", () -> "embedded PostgreSQL of the running Bella in " + dataDir + ": " + query(
                        "jdbc:postgresql://127.0.0.1:" + running.get() + "/postgres", EmbeddedPostgresServer.APP_ROLE,
                        EmbeddedPostgresServer.credentials(dataDir).appPassword()));
            } else {
                Path existing = dataDir;
                while (existing != null && !Files.exists(existing)) {
                    existing = existing.getParent();
                }
                boolean writable = existing != null && Files.isWritable(existing);
                add(writable ? Status.OK : Status.FAIL, "Database", writable
                        ? "embedded PostgreSQL in " + dataDir + " (not running now; Bella starts it)" + freeSpace(existing)
                        : "embedded PostgreSQL: the data directory " + dataDir + " cannot be written; set BELLA_DATA_DIR");
            }
            return;
        }
        check("Database", () -> Infrastructure.redactUrl(url) + ": " + query(url, get("bella.db.user"), get("bella.db.password")));
    }

    private static String freeSpace(Path dir) {
        try {
            long free = Files.getFileStore(dir).getUsableSpace();
            return ", " + free / (1024 * 1024) + " MB free" + (free < 1024L * 1024 * 1024 ? " (LOW: less than 1 GB)" : "");
        } catch (Exception e) {
            return "";
        }
    }

    private static String query(String url, String user, String password) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "5");
        p.setProperty("loginTimeout", "5");
        p.setProperty("socketTimeout", "5");
        try (Connection c = DriverManager.getConnection(url, p); Statement s = c.createStatement()) {
            String version;
            try (ResultSet rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                version = rs.getString(1);
            }
            String schema = DatabaseDump.schemaVersion(c);
            return "reachable, PostgreSQL " + version + (schema == null ? ", no Bella schema yet (created at first start)" : ", schema version " + schema);
        }
    }

    private void kafka() {
        String servers = get("bella.kafka.bootstrap-servers");
        if (servers.isBlank()) {
            add(Status.OK, "Kafka", "embedded single-node broker (starts with Bella; KAFKA_BOOTSTRAP_SERVERS not set)");
            return;
        }
        check("Kafka", () -> {
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
            p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 2000L);
            p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 2000L);
            try (Admin admin = Admin.create(p)) {
                int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                        .nodes().get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS).size();
                return servers + ": reachable, " + brokers + " broker" + (brokers == 1 ? "" : "s");
            }
        });
    }

    private void twilio() {
        String token = get("bella.twilio.auth-token");
        String sid = get("bella.twilio.account-sid");
        String base = get("bella.twilio.api-base-url");
        if (token.isBlank()) {
            add(Status.MISSING, "Twilio", "TWILIO_AUTH_TOKEN is not set: every Twilio webhook (calls, SMS) is refused until it is");
            return;
        }
        if (get("bella.public-url").isBlank()) {
            add(Status.FAIL, "Twilio", "BELLA_PUBLIC_URL is not set: Bella cannot check Twilio's signatures (set it to the https URL Twilio calls)");
        }
        if (sid.isBlank()) {
            add(Status.MISSING, "Twilio", "TWILIO_ACCOUNT_SID is not set: webhooks are verified, but no SMS can be sent");
            return;
        }
        check("Twilio", () -> {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/2010-04-01/Accounts/" + sid + ".json"))
                    .timeout(TIMEOUT).header("Authorization", basic(sid, token)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return switch (r.statusCode()) {
                case 200 -> "account " + mask(sid) + " accepted the credentials at " + base + smsFrom();
                case 401, 403 -> throw new Failure("Twilio at " + base + " rejected TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN (HTTP "
                        + r.statusCode() + "): copy them again from the Twilio console");
                case 404 -> throw new Failure("Twilio at " + base + " does not know the account " + mask(sid) + " (HTTP 404): check TWILIO_ACCOUNT_SID");
                default -> throw new Failure("Twilio at " + base + " answered HTTP " + r.statusCode());
            };
        });
    }

    private String smsFrom() {
        String from = get("bella.sms.from");
        if (from.isBlank()) {
            return "; BELLA_SMS_FROM is not set, so customers get no SMS";
        }
        return from.matches("\\+[1-9]\\d{6,14}") ? "; SMS come from " + mask(from) : "; BELLA_SMS_FROM is not an E.164 number (+15875550100)";
    }

    private void openAi() {
        String key = get("bella.openai.api-key");
        String base = get("bella.openai.base-url");
        if (key.isBlank()) {
            add(Status.MISSING, "OpenAI", "OPENAI_API_KEY is not set: Bella uses Twilio's speech recognition and its own parser");
            return;
        }
        check("OpenAI", () -> {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/models")).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
            return switch (r.statusCode()) {
                case 200 -> base + " accepted the key";
                case 401, 403 -> throw new Failure(base + " rejected OPENAI_API_KEY (HTTP " + r.statusCode() + "): create a new key");
                case 429 -> throw new Failure(base + " answered 429: the key is valid but out of quota or rate-limited");
                default -> throw new Failure(base + " answered HTTP " + r.statusCode());
            };
        });
    }

    private void smtp() {
        String host = get("bella.alerts.smtp.host");
        if (host.isBlank()) {
            add(Status.MISSING, "E-mail", "BELLA_SMTP_HOST is not set: alerts are not e-mailed");
            return;
        }
        if (get("bella.alerts.email.to").isBlank()) {
            add(Status.MISSING, "E-mail", "BELLA_ALERT_EMAIL_TO is not set: alerts are not e-mailed");
        }
        check("E-mail", () -> {
            String protocol = get("bella.alerts.smtp.protocol").isBlank() ? "smtps" : get("bella.alerts.smtp.protocol");
            int port = Integer.parseInt(get("bella.alerts.smtp.port"));
            Properties p = new Properties();
            String prefix = "mail." + protocol + ".";
            p.setProperty(prefix + "connectiontimeout", String.valueOf(TIMEOUT.toMillis()));
            p.setProperty(prefix + "timeout", String.valueOf(TIMEOUT.toMillis()));
            p.setProperty(prefix + "writetimeout", String.valueOf(TIMEOUT.toMillis()));
            p.setProperty(prefix + "starttls.enable", get("bella.alerts.smtp.starttls"));
            String user = get("bella.alerts.smtp.username");
            p.setProperty(prefix + "auth", String.valueOf(!user.isBlank()));
            jakarta.mail.Session session = jakarta.mail.Session.getInstance(p);
            try (jakarta.mail.Transport transport = session.getTransport(protocol)) {
                transport.connect(host, port, user.isBlank() ? null : user, user.isBlank() ? null : get("bella.alerts.smtp.password"));
            } catch (jakarta.mail.AuthenticationFailedException e) {
                throw new Failure(protocol + "://" + host + ":" + port + " rejected BELLA_SMTP_USER / BELLA_SMTP_PASSWORD");
            }
            return protocol + "://" + host + ":" + port + " accepted the connection" + (user.isBlank() ? "" : " and the login");
        });
    }

    private void slack() {
        String url = get("bella.alerts.slack.webhook-url");
        if (url.isBlank()) {
            add(Status.MISSING, "Slack", "BELLA_SLACK_WEBHOOK_URL is not set: alerts are not posted to Slack");
            return;
        }
        check("Slack", () -> {
            // an empty message: Slack checks the webhook, then refuses the payload without posting anything
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = r.body() == null ? "" : r.body().strip();
            if (r.statusCode() == 400 && (body.contains("no_text") || body.contains("invalid_payload"))) {
                return "the webhook exists (checked without posting a message)";
            }
            if (r.statusCode() == 403 || r.statusCode() == 404 || r.statusCode() == 410) {
                throw new Failure("Slack refused the webhook (HTTP " + r.statusCode() + (body.isBlank() ? "" : " " + shortly(body))
                        + "): it was revoked or mistyped; create a new one and set BELLA_SLACK_WEBHOOK_URL");
            }
            throw new Failure("the Slack webhook answered HTTP " + r.statusCode() + (body.isBlank() ? "" : " " + shortly(body)));
        });
    }

    private void secrets() {
        String apiKey = get("bella.api.bootstrap-api-key");
        if (apiKey.isBlank()) {
            add(Status.MISSING, "API", "BELLA_API_KEY is not set: only keys created with 'bella keys create' open the API");
        } else if (apiKey.length() < 32) {
            add(Status.FAIL, "API", "BELLA_API_KEY is shorter than 32 characters: use a long random key (openssl rand -hex 24)");
        } else {
            add(Status.OK, "API", "bootstrap API key set (" + apiKey.length() + " characters)");
        }
        String backup = get("bella.backup.key");
        if (backup.isBlank()) {
            add(Status.MISSING, "Backups", "BELLA_BACKUP_KEY is not set: 'bella backup' refuses to run without it");
        } else if (backup.length() < BackupCipher.MIN_KEY_LENGTH) {
            add(Status.FAIL, "Backups", "BELLA_BACKUP_KEY is shorter than " + BackupCipher.MIN_KEY_LENGTH + " characters");
        } else {
            add(Status.OK, "Backups", "BELLA_BACKUP_KEY set");
        }
    }

    @FunctionalInterface
    private interface Probe {
        String run() throws Exception;
    }

    /** A failure already put in words. */
    private static final class Failure extends Exception {
        Failure(String words) {
            super(words, null, false, false);
        }
    }

    private void check(String what, Probe probe) {
        try {
            add(Status.OK, what, probe.run());
        } catch (Failure f) {
            add(Status.FAIL, what, f.getMessage());
        } catch (java.net.http.HttpTimeoutException | java.util.concurrent.TimeoutException e) {
            add(Status.FAIL, what, "no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (java.net.ConnectException e) {
            add(Status.FAIL, what, "cannot connect (" + rootMessage(e) + ")");
        } catch (Exception e) {
            add(Status.FAIL, what, shortly(rootMessage(e)));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static String shortly(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 160 ? one.substring(0, 160) + "…" : one;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** AC1234…cdef / +1587…0100: enough to recognise, not the whole value. */
    static String mask(String value) {
        return value.length() <= 8 ? "…" : value.substring(0, 4) + "…" + value.substring(value.length() - 4);
    }
}
