package app.bella.api;

import app.bella.api.model.AlertBodies.MaintenanceWindowDeclare;
import app.bella.ops.MaintenanceWindows;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/** The maintenance-window endpoints under /api/alerts/maintenance (the windows themselves: ops.MaintenanceWindows). */
public final class MaintenanceApi {

    private final MaintenanceWindows maintenance;

    public MaintenanceApi(MaintenanceWindows maintenance) {
        this.maintenance = maintenance;
    }

    /** POST /api/alerts/maintenance {start, minutes, reason}: 201 with the window. */
    public void declare(Exchange exchange) throws SQLException {
        ObjectNode body = ApiSupport.object(exchange, ApiSupport.fields(MaintenanceWindowDeclare.class));
        Instant start = start(body.get("start"));
        JsonNode m = body.get("minutes");
        if (m == null || !m.canConvertToInt() || !m.isIntegralNumber() || m.asInt() < 1 || m.asInt() > MaintenanceWindows.MAX_MINUTES) {
            throw ApiProblem.invalid("minutes", "'minutes' must be a whole number from 1 to " + MaintenanceWindows.MAX_MINUTES);
        }
        JsonNode r = body.get("reason");
        String reason = r == null || !r.isTextual() ? "" : r.asText().strip();
        if (reason.isEmpty() || reason.length() > 200) {
            throw ApiProblem.invalid("reason", "'reason' must be text of 1 to 200 characters");
        }
        if (start.plus(Duration.ofMinutes(m.asInt())).isBefore(maintenance.clock().instant())) {
            throw ApiProblem.invalid("start", "The window is already over: 'start' plus 'minutes' is in the past");
        }
        Principal who = exchange.getProperty(ApiSupport.PRINCIPAL, Principal.class);
        MaintenanceWindows.Window w = maintenance.declare(start, m.asInt(), reason, who == null ? null : who.id());
        ApiSupport.respond(exchange, 201, w.view());
    }

    /** GET /api/alerts/maintenance: current and future windows. */
    public void list(Exchange exchange) throws SQLException {
        Instant now = maintenance.clock().instant();
        List<Map<String, Object>> out = new ArrayList<>();
        for (MaintenanceWindows.Window w : maintenance.current(now)) {
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
        if (!maintenance.cancel(id)) {
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
}
