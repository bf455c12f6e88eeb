package app.bella.ops;

import app.bella.api.ApiProblem;
import app.bella.api.ApiSupport;
import app.bella.api.Principal;
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
    private static final int MAX_MINUTES = 7 * 24 * 60;

    public record Window(long id, Instant startsAt, Instant endsAt, String reason, String declaredBy, Instant declaredAt) {

        boolean covers(Instant t) {
            return !t.isBefore(startsAt) && t.isBefore(endsAt);
        }

        Map<String, Object> view() {
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

    // --- API ---------------------------------------------------------------------------------------------------

    /** POST /api/alerts/maintenance {start, minutes, reason}: 201 with the window. */
    public void declare(Exchange exchange) throws SQLException {
        ObjectNode body = ApiSupport.object(exchange, Set.of("start", "minutes", "reason"));
        Instant start = start(body.get("start"));
        JsonNode m = body.get("minutes");
        if (m == null || !m.canConvertToInt() || !m.isIntegralNumber() || m.asInt() < 1 || m.asInt() > MAX_MINUTES) {
            throw ApiProblem.invalid("minutes", "'minutes' must be a whole number from 1 to " + MAX_MINUTES);
        }
        JsonNode r = body.get("reason");
        String reason = r == null || !r.isTextual() ? "" : r.asText().strip();
        if (reason.isEmpty() || reason.length() > 200) {
            throw ApiProblem.invalid("reason", "'reason' must be text of 1 to 200 characters");
        }
        if (start.plus(Duration.ofMinutes(m.asInt())).isBefore(alerts.clock().instant())) {
            throw ApiProblem.invalid("start", "The window is already over: 'start' plus 'minutes' is in the past");
        }
        Principal who = exchange.getProperty(ApiSupport.PRINCIPAL, Principal.class);
        Window w = declare(start, m.asInt(), reason, who == null ? null : who.id());
        ApiSupport.respond(exchange, 201, w.view());
    }

    /** GET /api/alerts/maintenance: current and future windows. */
    public void list(Exchange exchange) throws SQLException {
        Instant now = alerts.clock().instant();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Window w : current(now)) {
            Map<String, Object> v = w.view();
            v.put("active", w.covers(now));
            out.add(v);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("windows", out);
        body.put("holding", out.stream().anyMatch(v -> Boolean.TRUE.equals(v.get("active"))));
        ApiSupport.respond(exchange, 200, body);
    }

    /** DELETE /api/alerts/maintenance/{id}: 204; 404 when there is no such window still on. */
    public void cancel(Exchange exchange) throws SQLException {
        String text = exchange.getMessage().getHeader("id", String.class);
        long id;
        try {
            id = Long.parseLong(text);
        } catch (RuntimeException e) {
            throw ApiProblem.notFound("No maintenance window " + text);
        }
        if (!cancel(id)) {
            throw ApiProblem.notFound("No maintenance window " + id + " that is not cancelled");
        }
        ApiSupport.respond(exchange, 204, null);
    }

    private static Instant start(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw ApiProblem.invalid("start", "'start' is required: a date-time with its offset, e.g. 2025-10-08T22:00:00-06:00");
        }
        try {
            return OffsetDateTime.parse(node.asText().strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid("start", "'start' must be a date-time with its offset, e.g. 2025-10-08T22:00:00-06:00");
        }
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
