package app.bella.api;

import app.bella.costs.CostReport;
import app.bella.support.Cached;
import app.bella.ops.Alert;
import app.bella.ops.AlertService;
import app.bella.ops.BreakerRule;
import app.bella.ops.CircuitBreakers;
import app.bella.ops.Severity;
import java.sql.SQLException;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.resilience4j.ResilienceProcessor;

/**
 * GET /api/unified/{status,business-metrics,circuit-breakers,sla-metrics,costs,alerts}: the operators' console reads
 * Bella's state from here (read scope). The shapes are documented in docs/unified-api.md, declared for the OpenAPI
 * document in {@link app.bella.api.model.UnifiedBodies}, and stay stable: fields are added, never renamed or removed.
 */
public final class UnifiedApi {

    private final CamelContext camel;
    private final CostReport costs;
    private final AlertService alerts;
    private final Map<String, Supplier<Object>> extra = new LinkedHashMap<>();
    private final Map<String, Supplier<Object>> bodies = new LinkedHashMap<>();
    /**
     * A month's ledger summed over every entry (tens of thousands of rows by month's end): read at most every few
     * seconds per month however often the console asks; the figures stay live within its 5 s refresh.
     */
    private final Map<YearMonth, Cached<CostReport.Month>> months = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.time.Duration MONTH_FRESHNESS = java.time.Duration.ofSeconds(3);

    public UnifiedApi(CamelContext camel, CostReport costs, AlertService alerts) {
        this.camel = camel;
        this.costs = costs;
        this.alerts = alerts;
    }

    /** Adds a section to an endpoint's answer (e.g. the budget guard to costs) without this class knowing it. */
    public UnifiedApi section(String endpointAndField, Supplier<Object> value) {
        extra.put(endpointAndField, value);
        return this;
    }

    /** Gives an endpoint made of sections (e.g. business-metrics) a whole body, a record whose fields lead its answer. */
    public UnifiedApi body(String endpoint, Supplier<Object> value) {
        bodies.put(endpoint, value);
        return this;
    }

    /** GET /api/unified/costs?month=YYYY-MM (default: this month, practice time zone). */
    public void costs(Exchange exchange) throws SQLException {
        String m = exchange.getMessage().getHeader("month", String.class);
        YearMonth month;
        try {
            month = m == null || m.isBlank() ? costs.currentMonth() : YearMonth.parse(m.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid("month", "'month' must be a month like 2025-10");
        }
        Map<String, Object> body = month(month).view();
        addSections("costs", body);
        ApiSupport.respond(exchange, 200, body);
    }

    private CostReport.Month month(YearMonth month) throws SQLException {
        if (months.size() > 36) {
            months.clear(); // months asked for once (history) are not kept
        }
        try {
            return months.computeIfAbsent(month, m -> new Cached<>(() -> costs.month(m), MONTH_FRESHNESS)).get();
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** GET /api/unified/circuit-breakers: every breaker with its state and sliding-window figures. */
    public void circuitBreakers(Exchange exchange) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (BreakerRule.BreakerState b : CircuitBreakers.states(camel)) {
            ResilienceProcessor p = camel.getProcessor(b.id(), ResilienceProcessor.class);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", b.id());
            m.put("route", p.getRouteId());
            m.put("state", b.state());
            m.put("failureRatePercent", p.getFailureRate() < 0 ? null : p.getFailureRate());
            m.put("failureRateThresholdPercent", p.getCircuitBreakerFailureRateThreshold());
            m.put("bufferedCalls", p.getNumberOfBufferedCalls());
            m.put("failedCalls", p.getNumberOfFailedCalls());
            m.put("successfulCalls", p.getNumberOfSuccessfulCalls());
            m.put("notPermittedCalls", p.getNumberOfNotPermittedCalls());
            out.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("breakers", out);
        body.put("open", out.stream().filter(b -> !"CLOSED".equals(b.get("state"))).count());
        addSections("circuit-breakers", body);
        ApiSupport.respond(exchange, 200, body);
    }

    /** GET /api/unified/alerts: open alerts (newest first) and counts by severity. */
    public void alerts(Exchange exchange) {
        List<Alert> open = new ArrayList<>(alerts.list(Alert.RAISED, 200));
        open.addAll(alerts.list(Alert.ACKNOWLEDGED, 200));
        Map<String, Long> bySeverity = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            bySeverity.put(s.wire(), open.stream().filter(a -> a.severity() == s).count());
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (Alert a : open) {
            Map<String, Object> m = new LinkedHashMap<>(AlertService.payload(a));
            m.put("id", a.id());
            m.remove("alertId");
            list.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("open", list);
        body.put("openBySeverity", bySeverity);
        addSections("alerts", body);
        ApiSupport.respond(exchange, 200, body);
    }

    /** Endpoints whose body is entirely made of sections (status, business-metrics, sla-metrics). */
    public void sections(Exchange exchange) {
        String endpoint = exchange.getMessage().getHeader("bellaUnified", String.class);
        Map<String, Object> body = new LinkedHashMap<>();
        Supplier<Object> whole = bodies.get(endpoint);
        if (whole != null) {
            body.putAll(ApiSupport.JSON.convertValue(whole.get(), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { }));
        }
        addSections(endpoint, body);
        ApiSupport.respond(exchange, 200, body);
    }

    private void addSections(String endpoint, Map<String, Object> body) {
        extra.forEach((key, value) -> {
            if (key.startsWith(endpoint + ".")) {
                body.put(key.substring(endpoint.length() + 1), value.get());
            }
        });
    }
}
