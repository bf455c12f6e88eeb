package app.bella.ops;

import app.bella.support.Redaction;
import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Database unreachable": alerts live in PostgreSQL, so this one cannot. Route alerts-database-watch probes the
 * database on a timer; after {@code failuresBeforeAlert} failed probes in a row it sends a CRITICAL directly
 * ({@link DirectAlert}), unless a maintenance window read earlier covers the moment. When the database answers again
 * the alert is recorded and resolved. Each instance watches for itself. Bound as {@code databaseWatch}.
 */
public final class DatabaseWatch {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseWatch.class);
    public static final String SOURCE = "database";

    private final DataSource dataSource;
    private final DirectAlert direct;
    private final int failuresBeforeAlert;
    private final ZoneId zone;

    private int failures;
    private Instant downSince;

    public DatabaseWatch(DataSource dataSource, DirectAlert direct, int failuresBeforeAlert, ZoneId zone) {
        this.dataSource = dataSource;
        this.direct = direct;
        this.failuresBeforeAlert = Math.max(1, failuresBeforeAlert);
        this.zone = zone;
    }

    public synchronized boolean down() {
        return downSince != null && failures >= failuresBeforeAlert;
    }

    /** One probe; the messages to send now (empty unless the database has just been declared unreachable). */
    public synchronized List<DirectAlert.Message> check() {
        Instant now = direct.now();
        boolean up = probe();
        if (up) {
            failures = 0;
            if (downSince != null) {
                try {
                    direct.record("database reachable again").ifPresentOrElse(
                            id -> LOG.info("Database reachable again: outage recorded as alert {}", id),
                            () -> LOG.info("Database reachable again after a short outage (no alert was sent)"));
                    downSince = null;
                } catch (RuntimeException e) {
                    LOG.warn("Database back but the outage alert could not be recorded yet: {}", Redaction.error(e));
                }
            }
            return List.of();
        }
        failures++;
        if (downSince == null) {
            downSince = now;
        }
        if (failures != failuresBeforeAlert || direct.pending()) {
            return List.of();
        }
        DateTimeFormatter f = DateTimeFormatter.ofPattern("HH:mm:ss z", Locale.ENGLISH).withZone(zone);
        List<DirectAlert.Message> out = direct.send("database-unreachable:" + direct.instance() + ":" + downSince.getEpochSecond(),
                SOURCE, "Database unreachable", "PostgreSQL has not answered instance " + direct.instance() + " since "
                + f.format(downSince) + " (" + failures + " probes): calls cannot be booked or recorded. Sent directly, "
                + "outside the alert store; recorded when the database is back.", downSince);
        if (direct.pending()) {
            LOG.error("Database unreachable since {}: sending a critical alert directly", downSince);
        }
        return out;
    }

    private boolean probe() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(3);
        } catch (Exception e) {
            return false;
        }
    }

    /** For the status API. */
    public synchronized Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reachable", downSince == null);
        m.put("unreachableSince", downSince == null ? null : downSince.toString());
        return m;
    }
}
