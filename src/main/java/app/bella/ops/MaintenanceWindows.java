package app.bella.ops;

import app.bella.support.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.Exchange;

/**
 * Maintenance windows declared by operators (POST/GET/DELETE /api/alerts/maintenance): each raises a LOW notice
 * ({@code maintenance:<id>}) that resolves when the window ends or is cancelled, and while a window is on, the
 * alert pipeline holds every other notice (alerts are still recorded; the ones still open when the window ends are
 * sent by the sweep). Also an {@link AlertRule} (source {@code maintenance}) keeping the notices in step with the
 * windows. The last windows read are kept in memory for the database-down notifier. Bound as {@code maintenance}.
 */
public final class MaintenanceWindows implements AlertRule {

    public static final String SOURCE = "maintenance";
    public static final int MAX_MINUTES = 7 * 24 * 60;

    public record Window(long id, Instant startsAt, Instant endsAt, String reason, String declaredBy, Instant declaredAt) {

        public boolean covers(Instant t) {
            return !t.isBefore(startsAt) && t.isBefore(endsAt);
        }

        public Map<String, Object> view() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", String.valueOf(id));
            m.put("start", startsAt.toString());
            m.put("end", endsAt.toString());
            m.put("minutes", Duration.between(startsAt, endsAt).toMinutes());
            m.put("reason", reason);
            m.put("declaredBy", declaredBy);
            m.put("declaredAt", declaredAt.toString());
            return m;
        }
    }

    private final DataSource dataSource;
    private final AlertService alerts;
    private final ZoneId zone;
    private volatile List<Window> known = List.of();

    public MaintenanceWindows(DataSource dataSource, AlertService alerts, ZoneId zone) {
        this.dataSource = dataSource;
        this.alerts = alerts;
        this.zone = zone;
    }

    /** Whether a window covers {@code t}, read in the caller's transaction (the pipeline's decisions). */
    public boolean holding(Connection c, Instant t) throws SQLException {
        List<Window> current = list(c, t);
        known = current;
        return current.stream().anyMatch(w -> w.covers(t));
    }

    /** From memory, for when the database is unreachable: the windows read last. */
    public boolean holdingFromMemory(Instant t) {
        return known.stream().anyMatch(w -> w.covers(t));
    }

    public Window declare(Instant start, int minutes, String reason, String by) throws SQLException {
        Instant now = alerts.clock().instant();
        Window w;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = AlertService.prepare(c, "maintenance-insert", AlertService.ts(start),
                     AlertService.ts(start.plus(Duration.ofMinutes(minutes))), reason, by, AlertService.ts(now));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            w = window(rs);
        }
        alerts.raise(notice(w));
        return w;
    }

    /** Bella's clock, for the API's "is this window already over". */
    public java.time.Clock clock() {
        return alerts.clock();
    }

    public boolean cancel(long id) throws SQLException {
        Instant now = alerts.clock().instant();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = AlertService.prepare(c, "maintenance-cancel", AlertService.ts(now), id);
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return false;
            }
        }
        for (Alert open : alerts.openBySource(SOURCE)) {
            if (open.fingerprint().equals("maintenance:" + id)) {
                alerts.resolve(open.id(), "maintenance window cancelled");
            }
        }
        return true;
    }

    /** Windows not cancelled that end after {@code now}. */
    public List<Window> current(Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<Window> out = list(c, now);
            known = out;
            return out;
        }
    }

    @Override
    public String source() {
        return SOURCE;
    }

    /** Every window not yet over keeps its notice open; ended or cancelled ones resolve (a recovery note). */
    @Override
    public Result evaluate(Instant now) throws Exception {
        List<Condition> firing = new ArrayList<>();
        for (Window w : current(now)) {
            AlertRaise r = notice(w);
            firing.add(Condition.of(r.fingerprint(), r.severity(), r.title(), r.detail()));
        }
        return Result.firing(firing);
    }

    private AlertRaise notice(Window w) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH).withZone(zone);
        long minutes = Duration.between(w.startsAt(), w.endsAt()).toMinutes();
        return new AlertRaise("maintenance:" + w.id(), SOURCE, Severity.LOW,
                "Maintenance " + f.format(w.startsAt()) + " for " + minutes + " min",
                w.reason() + " — other alerts are held until " + f.format(w.endsAt()) + " (" + zone.getId() + ").",
                AlertRaise.Mode.CONDITION);
    }

    private static List<Window> list(Connection c, Instant now) throws SQLException {
        List<Window> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("maintenance-list"))) {
            ps.setObject(1, AlertService.ts(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(window(rs));
                }
            }
        }
        return out;
    }

    private static Window window(ResultSet rs) throws SQLException {
        return new Window(rs.getLong("id"), rs.getObject("starts_at", OffsetDateTime.class).toInstant(),
                rs.getObject("ends_at", OffsetDateTime.class).toInstant(), rs.getString("reason"),
                rs.getString("declared_by"), rs.getObject("declared_at", OffsetDateTime.class).toInstant());
    }
}
