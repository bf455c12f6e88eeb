package app.bella.ops;

import app.bella.events.EventType;
import app.bella.events.OutboxWriter;
import app.bella.support.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert store: raising, acknowledging and resolving an alert changes its row and appends the matching
 * {@code alert.*} event to the outbox in one transaction. Bound in the registry as {@code alerts}.
 */
public final class AlertService {

    private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);

    private final DataSource dataSource;
    private final OutboxWriter events;
    private final Clock clock;

    public AlertService(DataSource dataSource, OutboxWriter events, Clock clock) {
        this.dataSource = dataSource;
        this.events = events;
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    OutboxWriter events() {
        return events;
    }

    /** Raises (or repeats) an alert; empty when the mode says this raise changes nothing worth an event. */
    public Optional<Alert> raise(AlertRaise r) {
        return inTransaction(c -> {
            exec(c, "alert-lock-fingerprint", r.fingerprint());
            Instant now = clock.instant();
            Alert open = one(c, "alert-open-by-fingerprint", r.fingerprint());
            if (r.mode() == AlertRaise.Mode.ONCE && (open != null || bool(c, "alert-ever-raised", r.fingerprint()))) {
                return Optional.empty();
            }
            if (open != null && r.mode() == AlertRaise.Mode.CONDITION) {
                exec(c, "alert-touch", ts(now), open.id());
                return Optional.empty();
            }
            Alert alert = open == null
                    ? one(c, "alert-insert", r.fingerprint(), r.source(), r.severity().wire(), r.title(), r.detail(), ts(now), ts(now), r.instance())
                    : one(c, "alert-repeat", ts(now), r.severity().wire(), r.title(), r.detail(), open.id());
            events.append(c, EventType.ALERT_RAISED, alert.fingerprint(), payload(alert));
            if (open == null) {
                LOG.info("Alert {} raised: [{}] {} ({})", alert.id(), alert.severity().wire(), alert.title(), alert.fingerprint());
            }
            return Optional.of(alert);
        });
    }

    /** raised → acknowledged (stops escalation). Empty when there is no such alert. */
    public Optional<Alert> acknowledge(long id, String by) {
        return inTransaction(c -> {
            Alert alert = one(c, "alert-acknowledge", ts(clock.instant()), by, id);
            if (alert == null) {
                return Optional.ofNullable(one(c, "alert-find", id)); // already acknowledged or resolved: unchanged
            }
            events.append(c, EventType.ALERT_ACKNOWLEDGED, alert.fingerprint(), payload(alert));
            LOG.info("Alert {} acknowledged", id);
            return Optional.of(alert);
        });
    }

    /** → resolved, with an {@code alert.resolved} event (the pipeline sends the recovery message). */
    public Optional<Alert> resolve(long id, String resolution) {
        return inTransaction(c -> {
            Alert alert = one(c, "alert-resolve", ts(clock.instant()), resolution, id);
            if (alert == null) {
                return Optional.ofNullable(one(c, "alert-find", id));
            }
            events.append(c, EventType.ALERT_RESOLVED, alert.fingerprint(), payload(alert));
            LOG.info("Alert {} resolved: {}", id, resolution);
            return Optional.of(alert);
        });
    }

    public Optional<Alert> find(long id) {
        return inTransaction(c -> Optional.ofNullable(one(c, "alert-find", id)));
    }

    public List<Alert> list(String state, int limit) {
        return inTransaction(c -> many(c, "alerts-list", state, state, limit));
    }

    public List<Alert> openBySource(String source) {
        return inTransaction(c -> many(c, "alerts-open-by-source", source));
    }

    /** Open alerts of a per-instance source raised by {@code instance}. */
    public List<Alert> openByInstance(String source, String instance) {
        return inTransaction(c -> many(c, "alerts-open-by-instance", source, instance));
    }

    /** Open alerts of a per-instance source whose instance has not heartbeated since {@code seenSince} (it stopped). */
    public List<Alert> openOrphaned(String source, String self, Instant seenSince) {
        return inTransaction(c -> many(c, "alerts-open-orphaned", source, self, ts(seenSince)));
    }

    /** The event payload: what the alert is, never who is involved (the writer refuses personal data). */
    public static Map<String, Object> payload(Alert a) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("alertId", String.valueOf(a.id()));
        p.put("fingerprint", a.fingerprint());
        p.put("source", a.source());
        p.put("severity", a.severity().wire());
        p.put("title", a.title());
        if (a.detail() != null) {
            p.put("detail", a.detail());
        }
        p.put("state", a.state());
        p.put("count", a.count());
        p.put("firstSeen", a.firstSeen().toString());
        p.put("lastSeen", a.lastSeen().toString());
        return p;
    }

    // --- small JDBC helpers shared with the pipeline -------------------------------------------------------------

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Alert store: " + e.getMessage(), e);
        }
    }

    static OffsetDateTime ts(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(Sql.get(sql));
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            ps.execute();
        }
    }

    static boolean bool(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    static Alert one(Connection c, String sql, Object... args) throws SQLException {
        List<Alert> all = many(c, sql, args);
        return all.isEmpty() ? null : all.get(0);
    }

    static List<Alert> many(Connection c, String sql, Object... args) throws SQLException {
        List<Alert> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(Alert.from(rs));
            }
        }
        return out;
    }
}
