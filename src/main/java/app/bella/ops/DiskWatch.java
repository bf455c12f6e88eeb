package app.bella.ops;

import app.bella.support.Redaction;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Disk nearly full": when the data directory (embedded PostgreSQL, embedded Kafka, the callback journal) runs out of
 * space PostgreSQL can still read but not write, so the alert store cannot take this alert either. Route
 * alerts-disk-watch looks on a timer; below the threshold it sends a CRITICAL directly ({@link DirectAlert}) and, once
 * there is room again, records and resolves it. With an external PostgreSQL its disk is not ours to see: the probe
 * then also makes PostgreSQL extend a small temporary table, and {@code 53100 disk_full} ("could not extend file … No
 * space left on device"; class 53's other codes are memory and connections, not disk) counts as the same condition.
 * Logs once when it fires and once when it clears. Bound as {@code diskWatch}.
 */
public final class DiskWatch {

    private static final Logger LOG = LoggerFactory.getLogger(DiskWatch.class);
    public static final String SOURCE = "disk";
    private static final long MB = 1024L * 1024;
    private static final String PROBE_TABLE = "CREATE TEMPORARY TABLE IF NOT EXISTS bella_disk_probe (filler text) ON COMMIT DELETE ROWS";
    private static final String PROBE_ROW = "INSERT INTO bella_disk_probe VALUES ('probe')";

    /**
     * @param minFreeMb      alert below this many MB free…
     * @param minFreeShare …or below this share of the volume (0.05 = 5 %), whichever is smaller, so that a small
     *                     volume is not "nearly full" all the time
     */
    public record Threshold(long minFreeMb, double minFreeShare) {

        /** Bytes free below which the volume counts as nearly full. */
        public long bytes(long total) {
            return Math.min(minFreeMb * MB, (long) (total * minFreeShare));
        }

        /** Free again: 10 % above the threshold, so a volume hovering at the line does not page on every tick. */
        public long clearBytes(long total) {
            long t = bytes(total);
            return t + t / 10;
        }
    }

    private final Path dataDir;
    private final boolean embeddedDatabase;
    private final DataSource externalDatabase; // null: the embedded PostgreSQL lives in dataDir
    private final DirectAlert direct;
    private final Threshold threshold;

    private Instant fullSince;
    private String reason; // why it counts as full (null: it does not)
    private boolean databaseReported; // the reason is PostgreSQL's disk_full, not the data directory
    private long free = -1;
    private long total = -1;
    private boolean databaseProbe = true;

    public DiskWatch(Path dataDir, DataSource externalDatabase, DirectAlert direct, Threshold threshold) {
        this.dataDir = dataDir.toAbsolutePath();
        this.embeddedDatabase = externalDatabase == null;
        this.externalDatabase = externalDatabase;
        this.direct = direct;
        this.threshold = threshold;
    }

    /** One look; the messages to send now (empty unless the disk has just been found nearly full). */
    public synchronized List<DirectAlert.Message> check() {
        Instant now = direct.now();
        String directory = directoryFull();
        String database = directory == null ? databaseFull() : null;
        String found = directory != null ? directory : database;
        if (found == null) {
            if (fullSince != null) {
                try {
                    String resolution = databaseReported ? "PostgreSQL can write again"
                            : "space available again: " + free / MB + " MB free in " + dataDir;
                    direct.record(resolution).ifPresentOrElse(
                            id -> LOG.info("Disk no longer full ({}): alert {} recorded and resolved", resolution, id),
                            () -> LOG.info("Disk no longer full ({}); no alert was sent", resolution));
                    fullSince = null;
                    reason = null;
                } catch (RuntimeException e) {
                    LOG.warn("Disk space back but the disk alert could not be recorded yet: {}", Redaction.error(e));
                }
            }
            return List.of();
        }
        reason = found;
        databaseReported = directory == null;
        if (fullSince != null) {
            return List.of();
        }
        fullSince = now;
        List<DirectAlert.Message> out = direct.send("disk-full:" + direct.instance() + ":" + now.getEpochSecond(), SOURCE,
                "Disk nearly full", found + " on instance " + direct.instance() + ". Sent directly, outside the alert "
                        + "store; recorded when there is space again.", now);
        if (direct.pending()) { // else held by a maintenance window (DirectAlert says so)
            LOG.error("Disk nearly full: {}. Sending a critical alert directly", found);
        }
        return out;
    }

    /** Why the data directory counts as full now, or null (also null when its volume cannot be read). */
    private String directoryFull() {
        try {
            FileStore store = Files.getFileStore(dataDir);
            free = store.getUsableSpace();
            total = store.getTotalSpace();
        } catch (IOException e) {
            return null;
        }
        long limit = fullSince == null ? threshold.bytes(total) : threshold.clearBytes(total);
        if (free >= limit) {
            return null;
        }
        return "The data directory " + dataDir + " has " + free / MB + " MB free of " + total / MB + " MB (alert below "
                + threshold.bytes(total) / MB + " MB): " + (embeddedDatabase
                ? "PostgreSQL cannot write: bookings and call state cannot be saved; an embedded Kafka and the callback "
                + "journal stop too"
                : "the callback journal (callers promised a callback) and an embedded Kafka cannot write");
    }

    /** With an external PostgreSQL: why it reports its disk full, or null. */
    private String databaseFull() {
        if (externalDatabase == null || !databaseProbe) {
            return null;
        }
        try (Connection c = externalDatabase.getConnection()) {
            boolean auto = c.getAutoCommit();
            try (Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute(PROBE_TABLE);
                s.execute(PROBE_ROW); // extends the emptied table by a page: PostgreSQL must find room on its disk
                c.commit();
            } catch (SQLException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback); // the first error says why
                }
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
            return null;
        } catch (SQLException e) {
            if (diskFull(e)) {
                return "PostgreSQL reports its disk full (SQLSTATE " + e.getSQLState() + ": " + Redaction.error(e)
                        + "): bookings and call state cannot be saved";
            }
            if ("42501".equals(e.getSQLState())) { // no TEMPORARY privilege: this probe cannot work here
                databaseProbe = false;
                LOG.warn("Disk watch cannot probe PostgreSQL's disk (no TEMPORARY privilege): only {} is watched", dataDir);
            }
            return null; // unreachable is the database watch's alert
        }
    }

    /** SQLSTATE class 53, insufficient resources (53100 disk_full), or PostgreSQL's words for a full disk. */
    static boolean diskFull(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String state = t instanceof SQLException s ? s.getSQLState() : null;
            String message = String.valueOf(t.getMessage());
            if ("53100".equals(state) || message.contains("No space left on device") || message.contains("could not extend file")) {
                return true;
            }
        }
        return false;
    }

    /** For a health list: "UP", or why the disk counts as nearly full. */
    public synchronized String health() {
        return fullSince == null ? "UP" : "DOWN: " + reason;
    }

    /** For the status API. */
    public synchronized Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataDirectory", dataDir.toString());
        m.put("freeMb", free < 0 ? null : free / MB);
        m.put("alertBelowMb", total < 0 ? null : threshold.bytes(total) / MB);
        m.put("nearlyFull", fullSince != null);
        m.put("since", fullSince == null ? null : fullSince.toString());
        m.put("reason", reason);
        return m;
    }
}
