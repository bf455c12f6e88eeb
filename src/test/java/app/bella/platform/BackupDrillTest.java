package app.bella.platform;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.ApiClient;
import app.bella.testing.BellaServer;
import app.bella.testing.SharedInfrastructure;
import app.bella.testing.TempDirectories;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The backup drill: book through the API, back up, wipe (a fresh database or data directory), restore, and Bella
 * serves the same appointments and customers. Once on the embedded PostgreSQL (backed up while Bella runs and while
 * it is stopped, restored into an empty data directory), once on a PostgreSQL server.
 */
class BackupDrillTest {

    static final String API_KEY = "test-admin-key-0123456789abcdef0123456789";
    static final String BACKUP_KEY = "drill-backup-passphrase-0123";
    static final Map<String, String> PRACTICE = Map.of(
            "bella.clock", "2025-10-08T10:00:00-06:00",
            "bella.timezone", "America/Edmonton",
            "bella.api.bootstrap-api-key", API_KEY);

    record Run(int status, String out, String err) {
    }

    static Run cli(Properties settings, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(args, settings, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Properties settings(Map<String, String> values) {
        Properties p = new Properties();
        p.putAll(values);
        p.setProperty("bella.backup.key", BACKUP_KEY);
        return p;
    }

    /** Books two appointments for two customers; returns what the API then says about them. */
    static String book(BellaServer bella) throws Exception {
        ApiClient api = new ApiClient(bella, API_KEY);
        assertThat(api.post("/api/appointments", Map.of("name", "Ada Lovelace", "phone", "+15875550101",
                "start", "2025-10-20T09:00:00-06:00", "durationMinutes", 30)).status()).isEqualTo(201);
        assertThat(api.post("/api/appointments", Map.of("name", "Grace Hopper", "phone", "+15875550102",
                "start", "2025-10-20T10:00:00-06:00", "durationMinutes", 30)).status()).isEqualTo(201);
        return served(bella);
    }

    static String served(BellaServer bella) throws Exception {
        ApiClient api = new ApiClient(bella, API_KEY);
        StringBuilder seen = new StringBuilder();
        for (String phone : List.of("+15875550101", "+15875550102")) {
            String q = URLEncoder.encode(phone, StandardCharsets.UTF_8);
            JsonNode appointments = api.get("/api/appointments?phone=" + q).json();
            JsonNode customers = api.get("/api/customers?phone=" + q).json();
            assertThat(appointments).hasSize(1);
            assertThat(customers).hasSize(1);
            seen.append(appointments).append(customers);
        }
        return seen.toString();
    }

    @Test
    void embeddedDatabaseRestoresIntoAnEmptyDataDirectory() throws Exception {
        Path original = TempDirectories.deletedAtExit("bella-drill-a");
        Path backups = TempDirectories.deletedAtExit("bella-drill-backups");
        String kafka = SharedInfrastructure.get().kafkaBootstrapServers();
        Properties a = new Properties();
        a.putAll(PRACTICE);
        a.setProperty("bella.db.url", "");
        a.setProperty("bella.kafka.bootstrap-servers", kafka);
        a.setProperty("bella.data-dir", original.toString());
        BellaServer bella = BellaServer.start(a);
        String before;
        Run whileRunning;
        try {
            before = book(bella);
            whileRunning = cli(settings(Map.of("bella.db.url", "", "bella.data-dir", original.toString())), "backup", backups.toString(), "--keep", "2");
        } finally {
            bella.close();
        }
        assertThat(whileRunning.status()).as(whileRunning.err()).isZero();
        assertThat(whileRunning.out()).contains("Backup written").contains("schema version");
        Thread.sleep(1100); // the next backup's name carries the next second
        Run whileStopped = cli(settings(Map.of("bella.db.url", "", "bella.data-dir", original.toString())), "backup", backups.toString(), "--keep", "1");
        assertThat(whileStopped.status()).as(whileStopped.err()).isZero();
        assertThat(whileStopped.out()).contains("Deleted old backup");
        List<Path> files;
        try (Stream<Path> list = Files.list(backups)) {
            files = list.sorted().toList();
        }
        assertThat(files).hasSize(2); // --keep 1: one backup and its checksum
        Path backup = files.stream().filter(p -> p.toString().endsWith(".bella-backup")).findFirst().orElseThrow();
        assertThat(Files.readString(backup, StandardCharsets.ISO_8859_1)).as("encrypted").doesNotContain("Lovelace").doesNotContain("5875550101");

        Path empty = TempDirectories.deletedAtExit("bella-drill-b").resolve("data");
        Run restored = cli(settings(Map.of("bella.db.url", "", "bella.data-dir", empty.toString())), "restore", backup.toString());
        assertThat(restored.status()).as(restored.err() + restored.out()).isZero();
        assertThat(restored.out()).contains("Checksum verified").contains("Restored");

        Properties b = new Properties();
        b.putAll(a);
        b.setProperty("bella.data-dir", empty.toString());
        try (BellaServer again = BellaServer.start(b)) {
            assertThat(served(again)).isEqualTo(before);
            // and it goes on booking: the sequences came back too
            assertThat(new ApiClient(again, API_KEY).post("/api/appointments", Map.of("name", "Alan Turing", "phone", "+15875550103",
                    "start", "2025-10-20T11:00:00-06:00", "durationMinutes", 30)).status()).isEqualTo(201);
        }
    }

    @Test
    void serverDatabaseRestoresIntoAFreshDatabaseAndRefusesWhatIsWrong() throws Exception {
        Path backups = TempDirectories.deletedAtExit("bella-drill-server");
        Path backup = backups.resolve("nightly.bella-backup");
        String before;
        String sourceUrl;
        try (BellaServer bella = BellaServer.start(PRACTICE)) {
            before = book(bella);
            sourceUrl = bella.dbUrl();
            Run run = cli(settings(Map.of("bella.db.url", sourceUrl, "bella.db.user", "postgres")), "backup", backup.toString());
            assertThat(run.status()).as(run.err()).isZero();
            // a database that holds bookings is not overwritten by accident
            Run refused = cli(settings(Map.of("bella.db.url", sourceUrl, "bella.db.user", "postgres")), "restore", backup.toString());
            assertThat(refused.status()).isEqualTo(1);
            assertThat(refused.err()).contains("already holds").contains("--force");
        }
        String fresh = SharedInfrastructure.get().newDatabase();
        Map<String, String> target = Map.of("bella.db.url", fresh, "bella.db.user", "postgres");

        Properties wrongKey = settings(target);
        wrongKey.setProperty("bella.backup.key", "not-the-right-passphrase");
        Run wrong = cli(wrongKey, "restore", backup.toString());
        assertThat(wrong.status()).isEqualTo(1);
        assertThat(wrong.err()).contains("wrong BELLA_BACKUP_KEY");

        Properties noKey = settings(target);
        noKey.setProperty("bella.backup.key", "");
        assertThat(cli(noKey, "backup", backups.resolve("x.bella-backup").toString()).err()).contains("BELLA_BACKUP_KEY is not set");

        Path tampered = backups.resolve("tampered.bella-backup");
        byte[] bytes = Files.readAllBytes(backup);
        bytes[bytes.length / 2] ^= 1;
        Files.write(tampered, bytes);
        Files.copy(BackupCommand.checksumFile(backup), BackupCommand.checksumFile(tampered));
        Run altered = cli(settings(target), "restore", tampered.toString());
        assertThat(altered.status()).isEqualTo(1);
        assertThat(altered.err()).contains("Checksum mismatch");

        Run restored = cli(settings(target), "restore", backup.toString());
        assertThat(restored.status()).as(restored.err()).isZero();
        Map<String, String> restoredServer = new java.util.HashMap<>(PRACTICE);
        restoredServer.put("bella.db.url", fresh);
        try (BellaServer again = BellaServer.start(restoredServer)) {
            assertThat(served(again)).isEqualTo(before);
        }
    }
}
