package app.bella.platform;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code bella backup FILE|DIR [--keep N]} and {@code bella restore FILE [--force]}: an encrypted logical dump of
 * Bella's database (the embedded one in BELLA_DATA_DIR, running or not, or the configured server), with a SHA-256
 * checksum beside it ({@code FILE.sha256}, in sha256sum's format) that restore verifies before it reads anything.
 */
final class BackupCommand {

    static final String SUFFIX = ".bella-backup";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Function<String, String> settings;
    private final PrintStream out;
    private final PrintStream err;

    BackupCommand(Function<String, String> settings, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    int backup(List<String> args) throws Exception {
        Path target = null;
        int keep = 0;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--keep") && i + 1 < args.size()) {
                try {
                    keep = Integer.parseInt(args.get(++i));
                } catch (NumberFormatException e) {
                    keep = -1;
                }
                if (keep < 1) {
                    err.println("--keep needs a number of backups to keep (1 or more)");
                    return 2;
                }
            } else if (!a.startsWith("--") && target == null) {
                target = Path.of(a);
            } else {
                err.println("usage: bella backup FILE|DIRECTORY [--keep N]");
                return 2;
            }
        }
        if (target == null) {
            err.println("usage: bella backup FILE|DIRECTORY [--keep N]");
            return 2;
        }
        String key = settings.apply("bella.backup.key");
        BackupCipher.checkKey(key);
        if (Files.isDirectory(target) || args.get(0).endsWith("/")) {
            Files.createDirectories(target);
            target = target.resolve("bella-" + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + SUFFIX);
        }
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path partial = dir.resolve(target.getFileName() + ".partial");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        DatabaseDump.Summary summary;
        try (Database db = Database.open(settings, false, err);
             Connection c = db.source().getConnection();
             OutputStream file = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)), sha);
             OutputStream sealed = BackupCipher.encrypt(file, key)) {
            summary = DatabaseDump.dump(c, sealed);
        } catch (Exception e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        String checksum = HexFormat.of().formatHex(sha.digest());
        Files.writeString(checksumFile(target), checksum + "  " + target.getFileName() + "\n", StandardCharsets.US_ASCII);
        out.println("Backup written: " + target + " (" + Files.size(target) + " bytes, schema version " + summary.schemaVersion()
                + ", " + summary.total() + " rows in " + summary.rows().size() + " tables, sha256 " + checksum + ")");
        if (keep > 0) {
            for (Path old : olderThanNewest(dir, keep)) {
                Files.deleteIfExists(old);
                Files.deleteIfExists(checksumFile(old));
                out.println("Deleted old backup " + old.getFileName() + " (--keep " + keep + ")");
            }
        }
        return 0;
    }

    int restore(List<String> args) throws Exception {
        Path file = null;
        boolean force = false;
        for (String a : args) {
            if (a.equals("--force")) {
                force = true;
            } else if (!a.startsWith("--") && file == null) {
                file = Path.of(a);
            } else {
                err.println("usage: bella restore FILE [--force]");
                return 2;
            }
        }
        if (file == null || !Files.isRegularFile(file)) {
            err.println(file == null ? "usage: bella restore FILE [--force]" : "No backup file " + file);
            return 2;
        }
        String key = settings.apply("bella.backup.key");
        BackupCipher.checkKey(key);
        String problem = verifyChecksum(file);
        if (problem != null) {
            err.println(problem);
            return 1;
        }
        out.println("Checksum verified: " + file.getFileName());
        try (Database db = Database.open(settings, true, err)) {
            try (Connection c = db.source().getConnection()) {
                long rows = DatabaseDump.businessRows(c);
                if (rows > 0 && !force) {
                    err.println("The target database already holds " + rows + " appointments, customers or calls. Restore into an empty "
                            + "database (or an empty BELLA_DATA_DIR), or add --force to replace everything in it.");
                    return 1;
                }
            }
            DatabaseDump.Summary summary;
            try (InputStream in = BackupCipher.decrypt(new BufferedInputStream(Files.newInputStream(file)), key)) {
                summary = DatabaseDump.restore(db.source(), in);
            }
            out.println("Restored " + summary.total() + " rows in " + summary.rows().size() + " tables (schema version "
                    + summary.schemaVersion() + ", then migrated to the current one) into " + db.description());
        }
        return 0;
    }

    static Path checksumFile(Path backup) {
        return backup.resolveSibling(backup.getFileName() + ".sha256");
    }

    /** Null when FILE.sha256 exists and matches; otherwise what is wrong, in words. */
    static String verifyChecksum(Path file) throws Exception {
        Path sum = checksumFile(file);
        if (!Files.isRegularFile(sum)) {
            return "No checksum file " + sum.getFileName() + " beside the backup: refusing to restore an unverified file";
        }
        String expected = Files.readString(sum, StandardCharsets.US_ASCII).strip().split("\\s+")[0].toLowerCase();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(file)), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        return actual.equals(expected) ? null
                : "Checksum mismatch: " + file.getFileName() + " has sha256 " + actual + " but " + sum.getFileName() + " says " + expected
                + ". The file is damaged or was altered; use another backup.";
    }

    private static List<Path> olderThanNewest(Path dir, int keep) throws IOException {
        List<Path> backups = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p)).forEach(backups::add);
        }
        backups.sort(Comparator.comparing((Path p) -> {
            try {
                return Files.getLastModifiedTime(p);
            } catch (IOException e) {
                return java.nio.file.attribute.FileTime.fromMillis(0);
            }
        }).thenComparing(Path::toString).reversed());
        return backups.size() <= keep ? List.of() : backups.subList(keep, backups.size());
    }

    /**
     * The database a command works on: the configured server, or the embedded PostgreSQL in the data directory —
     * the one a running Bella started, or started here for the command. A restore into the embedded database takes
     * the data directory's lock, so Bella cannot start half-way through it (and refuses while Bella runs).
     */
    record Database(PGSimpleDataSource source, String description, AutoCloseable resources) implements AutoCloseable {

        static Database open(Function<String, String> settings, boolean exclusive, PrintStream err) throws Exception {
            String url = Optional.ofNullable(settings.apply("bella.db.url")).orElse("");
            PGSimpleDataSource ds = new PGSimpleDataSource();
            if (!url.isBlank()) {
                ds.setUrl(url);
                ds.setUser(settings.apply("bella.db.user"));
                ds.setPassword(Optional.ofNullable(settings.apply("bella.db.password")).orElse(""));
                return new Database(ds, "the configured database " + Infrastructure.redactUrl(url), () -> { });
            }
            Path dataDir = Path.of(Optional.ofNullable(settings.apply("bella.data-dir")).orElse("data"));
            Optional<Integer> running = Cli.runningEmbeddedPort(dataDir.resolve("postgres"));
            if (running.isPresent()) {
                if (exclusive) {
                    throw new IllegalStateException("Bella is running on " + dataDir.toAbsolutePath() + ": stop it before restoring");
                }
                ds.setUrl("jdbc:postgresql://127.0.0.1:" + running.get() + "/postgres");
                ds.setUser("postgres"); // the embedded server requires passwords: the one kept in the data directory
                ds.setPassword(EmbeddedPostgresServer.credentials(dataDir).superuserPassword());
                return new Database(ds, "the embedded database of the running Bella in " + dataDir.toAbsolutePath(), () -> { });
            }
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(dataDir.resolve("bella.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("The data directory " + dataDir.toAbsolutePath() + " is in use by a starting Bella: try again");
            }
            EmbeddedPostgresServer postgres;
            try {
                postgres = EmbeddedPostgresServer.start(dataDir, 0);
            } catch (Exception e) {
                channel.close();
                throw e;
            }
            ds.setUrl(postgres.jdbcUrl("postgres"));
            ds.setUser("postgres");
            ds.setPassword(postgres.superuserPassword());
            return new Database(ds, "the embedded database in " + dataDir.toAbsolutePath(), () -> {
                try {
                    postgres.close();
                } finally {
                    channel.close();
                }
            });
        }

        @Override
        public void close() throws Exception {
            resources.close();
        }
    }
}
