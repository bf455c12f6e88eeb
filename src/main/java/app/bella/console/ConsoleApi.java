package app.bella.console;

import app.bella.api.ApiProblem;
import app.bella.api.ApiSupport;
import app.bella.api.Principal;
import app.bella.support.Redaction;
import app.bella.support.Sql;
import app.bella.voice.CallState;
import app.bella.voice.CallStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * The console's server side: sign-in and sign-out (POST/GET/DELETE /console/session) and the read models behind its
 * tabs (/api/console/*), plus the test call panel, which drives Bella's real webhooks like Twilio does.
 */
public final class ConsoleApi {

    /** How the console reaches this Bella's webhooks for a test call. */
    public record TestCallSettings(String localBase, String publicBase, String authToken, boolean signaturesChecked) {
    }

    private final DataSource dataSource;
    private final ApiSupport api;
    private final ConsoleSessions sessions;
    private final CallStore calls;
    private final Clock clock;
    private final ZoneId zone;
    private final BigDecimal monthlyBudget;
    private final TestCallSettings testCalls;
    private final boolean secureCookies;
    private final ConsoleEvents events;
    private final ConsoleAssets assets;

    public ConsoleApi(DataSource dataSource, ApiSupport api, ConsoleSessions sessions, ConsoleEvents events, CallStore calls,
                      Clock clock, ZoneId zone, BigDecimal monthlyBudget, TestCallSettings testCalls, boolean secureCookies,
                      ConsoleAssets assets) {
        this.events = events;
        this.assets = assets;
        this.dataSource = dataSource;
        this.api = api;
        this.sessions = sessions;
        this.calls = calls;
        this.clock = clock;
        this.zone = zone;
        this.monthlyBudget = monthlyBudget;
        this.testCalls = testCalls;
        this.secureCookies = secureCookies;
    }

    // ---- sign-in ----

    /** GET /: the page, with the signed-in session (scope, CSRF token) written into it, so it starts in one request. */
    public void page(Exchange exchange) throws SQLException, IOException {
        String token = ConsoleSessions.cookie(header(exchange, "Cookie"), ConsoleSessions.COOKIE);
        Optional<ConsoleSessions.Session> s = token == null ? Optional.empty() : sessions.find(token);
        if (s.isPresent()) {
            exchange.setProperty(ConsoleAssets.SESSION_JSON, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(who(exchange, s.get())));
        }
        assets.serve(exchange);
    }

    /** /console/session: POST {"apiKey"} signs in, GET says who is signed in, DELETE signs out. */
    public void session(Exchange exchange) throws SQLException {
        String method = method(exchange);
        String token = ConsoleSessions.cookie(header(exchange, "Cookie"), ConsoleSessions.COOKIE);
        switch (method) {
            case "POST" -> signIn(exchange);
            case "GET" -> { // 200 either way: the page asks on every load, and a 401 would be logged as an error
                Optional<ConsoleSessions.Session> s = token == null ? Optional.empty() : sessions.find(token);
                ApiSupport.respond(exchange, 200, s.isPresent() ? who(exchange, s.get()) : Map.of("signedIn", false));
                exchange.getMessage().setHeader("Cache-Control", "no-store");
            }
            case "DELETE" -> {
                if (token != null) {
                    sessions.authenticate(header(exchange, "Cookie"), "DELETE", header(exchange, ConsoleSessions.CSRF_HEADER));
                    sessions.close(token);
                    events.closeSession(token);
                }
                ApiSupport.respond(exchange, 204, null);
                exchange.getMessage().setHeader("Set-Cookie", cookie("", 0, https(exchange)));
            }
            default -> throw new ApiProblem(405, "Method not allowed", "Use GET, POST or DELETE", null);
        }
    }

    private void signIn(Exchange exchange) throws SQLException {
        String contentType = header(exchange, "Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            // a form on another site cannot send JSON without the browser asking first (CORS), so no login CSRF
            throw new ApiProblem(415, "Unsupported media type", "Send {\"apiKey\": \"…\"} as application/json", "Content-Type");
        }
        exchange.getMessage().setBody(exchange.getMessage().getBody(String.class));
        ObjectNode body = ApiSupport.object(exchange, Set.of("apiKey"));
        String key = body.path("apiKey").asText("");
        // through the same per-address failure limit as X-API-Key, so the sign-in form cannot be used to guess keys
        Principal principal = api.signIn(key.strip(), ApiSupport.clientAddress(exchange)).orElseThrow(() -> new ApiProblem(401,
                "Unauthorized", key.isBlank() ? "Enter an API key" : "That API key is not valid (unknown or revoked)", "apiKey"));
        ConsoleSessions.Opened opened = sessions.open(principal);
        ApiSupport.respond(exchange, 201, who(exchange, opened.session()));
        exchange.getMessage().setHeader("Set-Cookie", cookie(opened.token(), sessions.ttl().toSeconds(), https(exchange)));
        exchange.getMessage().setHeader("Cache-Control", "no-store");
    }

    private Map<String, Object> who(Exchange exchange, ConsoleSessions.Session s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("signedIn", true);
        out.put("scope", s.principal().scope().wire());
        out.put("principal", s.principal().id());
        out.put("csrf", s.csrf());
        out.put("timezone", zone.getId());
        out.put("today", LocalDate.now(clock.withZone(zone)).toString());
        out.put("testCalls", testCalls.authToken().isBlank() && testCalls.signaturesChecked()
                ? "Set TWILIO_AUTH_TOKEN to try calls from the console" : "ready");
        // optional endpoints the console uses when this Bella has them (so it never asks for what is not there)
        List<String> features = new ArrayList<>();
        for (String id : List.of("api-unified-status", "api-unified-business-metrics", "api-unified-circuit-breakers",
                "api-unified-sla-metrics", "api-unified-costs", "api-unified-alerts", "api-alerts-maintenance")) {
            if (exchange.getContext().getRoute(id) != null) {
                features.add(id);
            }
        }
        out.put("features", features);
        return out;
    }

    private static String cookie(String value, long maxAgeSeconds, boolean secure) {
        return ConsoleSessions.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    /** Secure cookies when Bella is reached over https: its public URL, TLS here, or a proxy that terminated TLS. */
    private boolean https(Exchange exchange) {
        if (secureCookies || "https".equalsIgnoreCase(header(exchange, "X-Forwarded-Proto"))) {
            return true;
        }
        return exchange.getMessage() instanceof HttpMessage http && http.getRequest() != null && http.getRequest().isSSL();
    }

    // ---- Operations ----

    /** GET /api/console/operations: calls in progress, recent calls, callback requests, customer activity. */
    public void operations(Exchange exchange) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            List<Map<String, Object>> live = rows(c, "console-calls-in-progress");
            for (Map<String, Object> row : live) {
                row.put("last_said", Redaction.text((String) row.get("last_said")));
                row.put("from_phone", maskPhone((String) row.get("from_phone")));
            }
            out.put("inProgress", live);
            List<Map<String, Object>> recent = rows(c, "console-calls-recent");
            recent.forEach(r -> r.put("from_phone", maskPhone((String) r.get("from_phone"))));
            out.put("recentCalls", recent);
            out.put("callbacks", rows(c, "console-callbacks")); // staff must call these back: the number is shown
            out.put("customers", rows(c, "console-customer-activity", Timestamp.from(clock.instant())));
        }
        out.put("now", clock.instant().toString());
        ApiSupport.respond(exchange, 200, camel(out));
    }

    /** GET /api/console/calls/{callSid}: the call's timeline (turns with what was understood), engine and costs. */
    public void call(Exchange exchange) throws SQLException {
        String callSid = exchange.getMessage().getHeader("callSid", String.class);
        try (Connection c = dataSource.getConnection()) {
            CallStore.Session session = calls.find(c, callSid).orElseThrow(() -> ApiProblem.notFound("No call " + callSid));
            CallState s = session.state();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("callSid", callSid);
            out.put("status", session.status());
            out.put("outcome", session.outcome());
            out.put("step", s.step.name());
            out.put("speechEngine", s.stt + (s.sttFellBack ? " (fell back from whisper)" : ""));
            out.put("slots", slots(s));
            out.put("appointmentId", s.appointmentId);
            List<Map<String, Object>> turns = rows(c, "console-call-turns", callSid);
            Object previous = session.createdAt().toString();
            for (Map<String, Object> t : turns) {
                t.put("said", Redaction.text((String) t.get("said")));
                t.put("since_previous_ms", millisBetween(previous, t.get("created_at")));
                previous = t.get("created_at");
            }
            out.put("turns", turns);
            List<Map<String, Object>> costs = rows(c, "console-call-costs", callSid);
            out.put("costs", costs);
            out.put("costUsd", costs.stream().map(r -> (BigDecimal) r.get("usd")).reduce(BigDecimal.ZERO, BigDecimal::add));
            ApiSupport.respond(exchange, 200, camel(out));
        }
    }

    // ---- Analytics ----

    /** GET /api/console/analytics?days=14: daily calls, bookings, success and cost; peak hours; budget; quality. */
    public void analytics(Exchange exchange) throws SQLException {
        String daysText = exchange.getMessage().getHeader("days", "14", String.class);
        int days;
        try {
            days = Integer.parseInt(daysText.strip());
        } catch (NumberFormatException e) {
            days = -1;
        }
        if (days < 1 || days > 92) {
            throw ApiProblem.invalid("days", "'days' must be a whole number from 1 to 92");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            // rows are stamped by the database's clock: with a frozen Bella clock (demos, tests) its day may be later
            LocalDate today = LocalDate.now(clock.withZone(zone));
            LocalDate databaseToday = LocalDate.parse(String.valueOf(rows(c, "console-database-today", zone.getId()).get(0).get("today")));
            if (databaseToday.isAfter(today)) {
                today = databaseToday;
            }
            Timestamp from = Timestamp.from(today.minusDays(days - 1L).atStartOfDay(zone).toInstant());
            Timestamp monthStart = Timestamp.from(today.withDayOfMonth(1).atStartOfDay(zone).toInstant());
            Map<String, Map<String, Object>> byDay = new LinkedHashMap<>();
            for (Map<String, Object> d : rows(c, "console-analytics-daily", zone.getId(), from, zone.getId(), from, zone.getId(), from)) {
                byDay.put(String.valueOf(d.get("day")), d);
            }
            List<Map<String, Object>> daily = new ArrayList<>();
            for (LocalDate day = today.minusDays(days - 1L); !day.isAfter(today); day = day.plusDays(1)) {
                Map<String, Object> d = byDay.get(day.toString());
                if (d == null) {
                    d = new LinkedHashMap<>(Map.of("day", day.toString(), "calls", 0L, "succeeded", 0L, "bookings", 0L,
                            "usd", BigDecimal.ZERO));
                }
                daily.add(d);
            }
            for (Map<String, Object> d : daily) {
                long callCount = ((Number) d.get("calls")).longValue();
                long booked = ((Number) d.get("bookings")).longValue();
                BigDecimal usd = (BigDecimal) d.get("usd");
                d.put("success_rate", callCount == 0 ? null : ((Number) d.get("succeeded")).doubleValue() / callCount);
                d.put("usd_per_call", callCount == 0 ? null : usd.divide(BigDecimal.valueOf(callCount), 4, RoundingMode.HALF_UP));
                d.put("usd_per_booking", booked == 0 ? null : usd.divide(BigDecimal.valueOf(booked), 4, RoundingMode.HALF_UP));
            }
            out.put("daily", daily);
            out.put("peakHours", rows(c, "console-analytics-hours", zone.getId(), from));
            out.put("quality", rows(c, "console-analytics-quality", from).get(0));
            BigDecimal spent;
            try (PreparedStatement ps = c.prepareStatement(Sql.get("console-month-spend"))) {
                ps.setTimestamp(1, monthStart);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    spent = rs.getBigDecimal(1);
                }
            }
            Map<String, Object> budget = new LinkedHashMap<>();
            budget.put("monthlyUsd", monthlyBudget);
            budget.put("spentUsd", spent);
            budget.put("usedPercent", monthlyBudget.signum() == 0 ? null
                    : spent.multiply(BigDecimal.valueOf(100)).divide(monthlyBudget, 1, RoundingMode.HALF_UP));
            out.put("budget", budget);
        }
        out.put("days", days);
        ApiSupport.respond(exchange, 200, camel(out));
    }

    // ---- Test call ----

    /**
     * POST /api/console/test-call {"callSid"?, "action"?, "speech"?, "digits"?, "hangUp"?}: without a callSid rings a
     * new test call; otherwise answers the question whose action is given. Answers what Bella said and the slots.
     */
    public void testCall(Exchange exchange) throws SQLException, IOException, InterruptedException {
        ObjectNode body = ApiSupport.optionalObject(exchange, Set.of("callSid", "action", "speech", "digits", "hangUp"));
        if (testCalls.signaturesChecked() && testCalls.authToken().isBlank()) {
            throw new ApiProblem(409, "Test calls unavailable", "Set TWILIO_AUTH_TOKEN: test calls are signed like Twilio's", null);
        }
        String speech = text(body, "speech", 500);
        String digits = text(body, "digits", 20);
        if (digits != null && !digits.matches("[0-9*#]+")) {
            throw ApiProblem.invalid("digits", "'digits' may hold only 0-9, * and #");
        }
        String callSid = text(body, "callSid", 64);
        TestCall call = new TestCall(testCalls.localBase(), testCalls.publicBase(), testCalls.authToken());
        TestCall.Step step;
        if (callSid == null) {
            step = call.dial(TestCall.newCallSid(), TestCall.DEFAULT_FROM);
        } else {
            if (!callSid.startsWith("CAtest")) {
                throw ApiProblem.invalid("callSid", "Only test calls can be continued here");
            }
            if (body.path("hangUp").asBoolean(false)) {
                call.hangUp(callSid, TestCall.DEFAULT_FROM);
                step = new TestCall.Step(callSid, List.of(), null, null, "hung up");
            } else {
                step = call.answer(callSid, TestCall.DEFAULT_FROM, text(body, "action", 200), speech, digits);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("callSid", step.callSid());
        out.put("heard", step.heard());
        out.put("action", step.action());
        out.put("input", step.input());
        out.put("ended", step.ended());
        try (Connection c = dataSource.getConnection()) {
            calls.find(c, step.callSid()).ifPresent(s -> {
                out.put("step", s.state().step.name());
                out.put("slots", slots(s.state()));
                out.put("appointmentId", s.state().appointmentId);
                out.put("outcome", s.outcome());
            });
        }
        ApiSupport.respond(exchange, 200, out);
    }

    // ---- helpers ----

    private static Map<String, Object> slots(CallState s) {
        Map<String, Object> slots = new LinkedHashMap<>();
        slots.put("intent", s.intent);
        slots.put("name", s.name);
        slots.put("phone", s.phone);
        slots.put("date", s.date);
        slots.put("time", s.time);
        slots.put("start", s.start);
        slots.put("service", s.service);
        slots.put("durationMinutes", s.durationMinutes);
        return slots;
    }

    /** +14165551234 → +1•••••••234: enough to tell calls apart on a shared screen. */
    static String maskPhone(String phone) {
        if (phone == null || phone.length() < 6) {
            return phone;
        }
        return phone.substring(0, 2) + "•".repeat(phone.length() - 5) + phone.substring(phone.length() - 3);
    }

    private static Long millisBetween(Object from, Object to) {
        try {
            return java.time.Duration.between(java.time.Instant.parse(from.toString()), java.time.Instant.parse(to.toString()))
                    .toMillis();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(ObjectNode body, String field, int max) {
        if (!body.hasNonNull(field)) {
            return null;
        }
        if (!body.get(field).isTextual()) {
            throw ApiProblem.invalid(field, "'" + field + "' must be a string");
        }
        String v = body.get(field).asText().strip();
        if (v.length() > max) {
            throw ApiProblem.invalid(field, "'" + field + "' is longer than " + max + " characters");
        }
        return v.isEmpty() ? null : v;
    }

    static List<Map<String, Object>> rows(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get(sql))) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        if (v instanceof Timestamp t) {
                            v = t.toInstant().toString();
                        } else if (v instanceof java.sql.Date d) {
                            v = d.toLocalDate().toString();
                        }
                        row.put(md.getColumnLabel(i), v);
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    /** snake_case column names → camelCase JSON keys, recursively. */
    @SuppressWarnings("unchecked")
    static Object camel(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(camelCase(String.valueOf(k)), camel(val)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(ConsoleApi::camel).toList();
        }
        return v;
    }

    private static String camelCase(String s) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char ch : s.toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return b.toString();
    }

    private static String method(Exchange exchange) {
        if (exchange.getMessage() instanceof HttpMessage http && http.getRequest() != null) {
            return http.getRequest().method().name();
        }
        return exchange.getMessage().getHeader(Exchange.HTTP_METHOD, "GET", String.class).toUpperCase(Locale.ROOT);
    }

    private static String header(Exchange exchange, String name) {
        if (exchange.getMessage() instanceof HttpMessage http && http.getRequest() != null) {
            return http.getRequest().getHeader(name);
        }
        return exchange.getMessage().getHeader(name, String.class);
    }
}
