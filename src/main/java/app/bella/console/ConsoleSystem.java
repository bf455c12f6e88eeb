package app.bella.console;

import app.bella.api.ApiSupport;
import app.bella.ops.DiskWatch;
import app.bella.ops.Readiness;
import app.bella.support.Sql;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.CamelContext;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.apache.camel.model.CircuitBreakerDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.Exchange;

/**
 * GET /api/console/system: a read-only view of this instance for the console's System tab — each dependency's
 * health, each circuit breaker, every route's throughput, latency and failures from Camel's own statistics (the
 * managed route beans, read in-process: Jolokia is never exposed for this), the outbox backlog and the JVM.
 */
public final class ConsoleSystem {

    private final CamelContext camel;
    private final DataSource dataSource;

    public ConsoleSystem(CamelContext camel, DataSource dataSource) {
        this.camel = camel;
        this.dataSource = dataSource;
    }

    public void system(Exchange exchange) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        Readiness readiness = camel.getRegistry().lookupByNameAndType("readiness", Readiness.class);
        Map<String, String> health = new LinkedHashMap<>(readiness == null ? Map.of() : readiness.check());
        DiskWatch disk = camel.getRegistry().lookupByNameAndType("diskWatch", DiskWatch.class);
        if (disk != null) {
            health.put("disk", disk.health()); // not a readiness check: calls are still answered while it is full
        }
        out.put("health", health);
        out.put("breakers", breakers());
        out.put("routes", routes());
        out.put("outbox", outbox());
        out.put("jvm", jvm());
        ApiSupport.respond(exchange, 200, out);
    }

    private List<Map<String, Object>> breakers() {
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        Set<String> ids = new LinkedHashSet<>();
        for (RouteDefinition route : model.getRouteDefinitions()) {
            for (CircuitBreakerDefinition cb : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(),
                    CircuitBreakerDefinition.class)) {
                if (cb.getId() != null) {
                    ids.add(cb.getId());
                }
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        // breakers outside the routes (the call path's database-breaker): Resilience4j's own, from the registry
        for (CircuitBreaker cb : camel.getRegistry().findByType(CircuitBreaker.class)) {
            CircuitBreaker.Metrics m = cb.getMetrics();
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("id", cb.getName());
            b.put("state", cb.getState().name());
            b.put("failureRate", m.getFailureRate() < 0 ? null : (double) m.getFailureRate());
            b.put("bufferedCalls", m.getNumberOfBufferedCalls());
            b.put("failedCalls", m.getNumberOfFailedCalls());
            b.put("notPermittedCalls", m.getNumberOfNotPermittedCalls());
            out.add(b);
        }
        for (String id : ids) {
            ResilienceProcessor p = camel.getProcessor(id, ResilienceProcessor.class);
            if (p != null) {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("id", id);
                b.put("state", p.getCircuitBreakerState());
                b.put("failureRate", p.getFailureRate() < 0 ? null : p.getFailureRate());
                b.put("bufferedCalls", p.getNumberOfBufferedCalls());
                b.put("failedCalls", p.getNumberOfFailedCalls());
                b.put("notPermittedCalls", p.getNumberOfNotPermittedCalls());
                out.add(b);
            }
        }
        return out;
    }

    private List<Map<String, Object>> routes() {
        ManagedCamelContext managed = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        List<Map<String, Object>> out = new ArrayList<>();
        if (managed == null) {
            return out;
        }
        for (ManagedRouteMBean r : managed.getManagedRoutes()) {
            Map<String, Object> route = new LinkedHashMap<>();
            route.put("id", r.getRouteId());
            route.put("state", r.getState());
            route.put("exchanges", r.getExchangesTotal());
            route.put("failed", r.getExchangesFailed());
            route.put("inflight", r.getExchangesInflight());
            route.put("meanMs", r.getMeanProcessingTime());
            route.put("maxMs", r.getMaxProcessingTime());
            route.put("lastMs", r.getLastProcessingTime());
            out.add(route);
        }
        out.sort(Comparator.comparing((Map<String, Object> m) -> -((Number) m.get("exchanges")).longValue())
                .thenComparing(m -> (String) m.get("id")));
        return out;
    }

    private Map<String, Object> outbox() throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(Sql.get("outbox-backlog"));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            out.put("backlog", rs.getLong("backlog"));
            out.put("oldestAgeSeconds", rs.getDouble("oldest_age_seconds"));
        }
        return out;
    }

    private static Map<String, Object> jvm() {
        Map<String, Object> out = new LinkedHashMap<>();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        out.put("heapUsedBytes", heap.getUsed());
        out.put("heapMaxBytes", heap.getMax());
        out.put("nonHeapUsedBytes", ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed());
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            out.put("processCpu", os.getProcessCpuLoad());
            out.put("systemCpu", os.getCpuLoad());
        }
        out.put("processors", Runtime.getRuntime().availableProcessors());
        out.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
        out.put("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        return out;
    }
}
