package app.bella.api;

import app.bella.api.model.AlertBodies.AlertAck;
import app.bella.api.model.AlertBodies.AlertResolve;
import app.bella.ops.Alert;
import app.bella.ops.AlertRaise;
import app.bella.ops.AlertRouting;
import app.bella.ops.AlertService;
import app.bella.ops.Severity;
import app.bella.support.Sql;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.camel.Exchange;

/** GET /api/alerts, POST /api/alerts/{id}/ack|resolve, POST /api/alerts/test. */
public final class AlertsApi {

    private static final Set<String> STATES = Set.of(Alert.RAISED, Alert.ACKNOWLEDGED, Alert.RESOLVED);

    private final AlertService alerts;
    private final DataSource dataSource;
    private final AlertRouting routing;

    public AlertsApi(AlertService alerts, DataSource dataSource, AlertRouting routing) {
        this.alerts = alerts;
        this.dataSource = dataSource;
        this.routing = routing;
    }

    /** GET /api/alerts?state=raised&limit=50: newest first, each with its deliveries. */
    public void list(Exchange exchange) throws SQLException {
        String state = exchange.getMessage().getHeader("state", String.class);
        if (state != null && state.isBlank()) {
            state = null;
        }
        if (state != null && !STATES.contains(state)) {
            throw ApiProblem.invalid("state", "'state' must be raised, acknowledged or resolved");
        }
        int limit = 100;
        String limitText = exchange.getMessage().getHeader("limit", String.class);
        if (limitText != null && !limitText.isBlank()) {
            try {
                limit = Integer.parseInt(limitText.strip());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 1000) {
                throw ApiProblem.invalid("limit", "'limit' must be a whole number from 1 to 1000");
            }
        }
        List<Alert> found = alerts.list(state, limit);
        Map<Long, List<Map<String, Object>>> deliveries = deliveries(found.stream().map(Alert::id).toList());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Alert a : found) {
            out.add(view(a, deliveries.getOrDefault(a.id(), List.of())));
        }
        ApiSupport.respond(exchange, 200, out);
    }

    /** GET /api/alerts/{id} */
    public void get(Exchange exchange) throws SQLException {
        Alert a = alerts.find(id(exchange)).orElseThrow(() -> ApiProblem.notFound("No alert " + exchange.getMessage().getHeader("id")));
        ApiSupport.respond(exchange, 200, view(a, deliveries(List.of(a.id())).getOrDefault(a.id(), List.of())));
    }

    /** POST /api/alerts/{id}/ack, optional body {"by": "who"}: stops escalation; a resolved alert is a 409. */
    public void acknowledge(Exchange exchange) throws SQLException {
        long id = id(exchange);
        String by = optionalText(exchange, AlertAck.class, "by");
        Alert a = alerts.acknowledge(id, by).orElseThrow(() -> ApiProblem.notFound("No alert " + id));
        if (Alert.RESOLVED.equals(a.state())) {
            throw new ApiProblem(409, "Already resolved", "Alert " + id + " is resolved; there is nothing to acknowledge", null);
        }
        ApiSupport.respond(exchange, 200, view(a, deliveries(List.of(id)).getOrDefault(id, List.of())));
    }

    /** POST /api/alerts/{id}/resolve, optional body {"resolution": "what was done"}. */
    public void resolve(Exchange exchange) throws SQLException {
        long id = id(exchange);
        String resolution = optionalText(exchange, AlertResolve.class, "resolution");
        Alert a = alerts.resolve(id, resolution == null ? "resolved by an operator" : resolution)
                .orElseThrow(() -> ApiProblem.notFound("No alert " + id));
        ApiSupport.respond(exchange, 200, view(a, deliveries(List.of(id)).getOrDefault(id, List.of())));
    }

    /** POST /api/alerts/test: a test alert through every routed channel; 202 with its id. */
    public void test(Exchange exchange) {
        String fingerprint = "test:" + UUID.randomUUID();
        Alert a = alerts.raise(AlertRaise.repeating(fingerprint, "test", Severity.CRITICAL, "Test alert from Bella",
                "Sent on request (POST /api/alerts/test) to every channel.")).orElseThrow();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("alertId", String.valueOf(a.id()));
        out.put("channels", routing.all());
        ApiSupport.respond(exchange, 202, out);
    }

    private static long id(Exchange exchange) {
        String text = exchange.getMessage().getHeader("id", String.class);
        try {
            return Long.parseLong(text);
        } catch (RuntimeException e) {
            throw ApiProblem.notFound("No alert " + text);
        }
    }

    private static String optionalText(Exchange exchange, Class<? extends Record> type, String field) {
        String body = exchange.getMessage().getBody(String.class);
        if (body == null || body.isBlank()) {
            return null;
        }
        exchange.getMessage().setBody(body); // a request stream reads once
        ObjectNode object = ApiSupport.object(exchange, ApiSupport.fields(type));
        return ApiSupport.text(object, field, false, 200);
    }

    private Map<Long, List<Map<String, Object>>> deliveries(List<Long> ids) throws SQLException {
        Map<Long, List<Map<String, Object>>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(Sql.get("alert-deliveries"))) {
            Array array = c.createArrayOf("bigint", ids.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("channel", rs.getString("channel"));
                    d.put("kind", rs.getString("kind"));
                    d.put("status", rs.getString("status"));
                    d.put("attempts", rs.getInt("attempts"));
                    d.put("lastError", rs.getString("last_error"));
                    d.put("createdAt", rs.getObject("created_at", OffsetDateTime.class).toInstant().toString());
                    d.put("updatedAt", rs.getObject("updated_at", OffsetDateTime.class).toInstant().toString());
                    out.computeIfAbsent(rs.getLong("alert_id"), k -> new ArrayList<>()).add(d);
                }
            }
        }
        return out;
    }

    private static Map<String, Object> view(Alert a, List<Map<String, Object>> deliveries) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", String.valueOf(a.id()));
        out.put("fingerprint", a.fingerprint());
        out.put("source", a.source());
        out.put("severity", a.severity().wire());
        out.put("title", a.title());
        out.put("detail", a.detail());
        out.put("state", a.state());
        out.put("count", a.count());
        out.put("suppressed", a.suppressed());
        out.put("firstSeen", str(a.firstSeen()));
        out.put("lastSeen", str(a.lastSeen()));
        out.put("acknowledgedAt", str(a.acknowledgedAt()));
        out.put("acknowledgedBy", a.acknowledgedBy());
        out.put("resolvedAt", str(a.resolvedAt()));
        out.put("resolution", a.resolution());
        out.put("escalationLevel", a.escalationLevel());
        out.put("deliveries", deliveries);
        return out;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
