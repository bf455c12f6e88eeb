package app.bella.platform;

import app.bella.api.UnifiedApi;
import app.bella.costs.CallCosts;
import app.bella.costs.CostReport;
import app.bella.events.OutboxWriter;
import app.bella.ops.AlertChannels;
import app.bella.ops.AlertMessages;
import app.bella.ops.AlertRouting;
import app.bella.ops.AlertRule;
import app.bella.ops.DatabaseWatch;
import app.bella.ops.DirectAlert;
import app.bella.ops.DiskWatch;
import app.bella.ops.MaintenanceWindows;
import app.bella.ops.AlertRules;
import app.bella.ops.AlertService;
import app.bella.ops.Readiness;
import app.bella.support.AdjustableClock;
import app.bella.slo.Heartbeat;
import app.bella.slo.SliRecorder;
import app.bella.slo.Slo;
import app.bella.slo.SloEngine;
import app.bella.slo.SloStore;
import app.bella.understanding.CostLedger;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;

/** Builds the cost, service-level and console beans (issue 12) and binds them under the names the routes use. */
final class OpsBeans {

    private OpsBeans() {
    }

    /**
     * @param properties resolves a property name to its value ("" when unset)
     * @param dataSource the main pool: the API's reads (costs, unified API, business report)
     * @param background the background pool: the SLO heartbeat and engine, the database watch
     */
    static void bind(CamelContext camel, DataSource dataSource, DataSource background, AdjustableClock clock, ZoneId zone,
                            Function<String, String> properties, CostLedger ledger, DataSource callPath) {
        AlertService alerts = camel.getRegistry().lookupByNameAndType("alerts", AlertService.class);
        OutboxWriter events = camel.getRegistry().lookupByNameAndType("outboxWriter", OutboxWriter.class);

        // service levels: events counted from Camel's event stream and the calls' ends, judged from PostgreSQL
        SloStore sloStore = new SloStore(background);
        SliRecorder sli = new SliRecorder(clock, Duration.ofMillis(number(properties, "bella.slo.http-latency.threshold-ms")));
        camel.getManagementStrategy().addEventNotifier(sli);
        try {
            camel.addStartupListener(new org.apache.camel.StartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                    // the histogram is registered once the metrics registry has started
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                    io.micrometer.core.instrument.MeterRegistry meters = context.getRegistry().lookupByNameAndType(
                            "metricsRegistry", io.micrometer.core.instrument.MeterRegistry.class);
                    sli.meters(meters);
                    app.bella.analytics.BusinessReport business = context.getRegistry().lookupByNameAndType("businessReport",
                            app.bella.analytics.BusinessReport.class);
                    if (meters != null && business != null) {
                        business.register(meters);
                    }
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<Slo> slos = List.of(
                new Slo("availability", percent(properties, "bella.slo.availability.target-percent"), 5,
                        "Minutes with at least one ready instance"),
                new Slo("call-success", percent(properties, "bella.slo.call-success.target-percent"),
                        number(properties, "bella.slo.call-success.minimum-calls"), "Calls that ended as the caller wanted"),
                new Slo("http-latency", percent(properties, "bella.slo.http-latency.target-percent"), 20,
                        "Webhook and API answers under " + number(properties, "bella.slo.http-latency.threshold-ms") + " ms"),
                new Slo("openai", percent(properties, "bella.slo.openai.target-percent"), 10,
                        "Whisper and model calls that succeeded"));
        SloEngine engine = new SloEngine(sloStore, slos, alerts, events, clock, zone);
        Set<String> successful = list(properties.apply("bella.slo.call-success.outcomes"));
        SloStore callEnds = new SloStore(callPath); // counted by the call-status webhook: the call path's pool
        // a webhook's costs are recorded over the call path's connections (database-breaker): no 5 s wait while it is down
        CallCosts callCosts = new CallCosts(callPath, new CostLedger(callPath, events, ledger.prices(), clock), list(properties.apply("bella.cost.test-numbers")), end -> {
            if (!end.test()) {
                callEnds.add("call-success", clock.instant(), successful.contains(end.outcome()) ? 1 : 0, 1);
            }
        }, clock);
        Heartbeat heartbeat = new Heartbeat(sloStore, sli, clock,
                () -> camel.getRegistry().lookupByNameAndType("readiness", Readiness.class));
        // the SLOs are one more alert source
        AlertRules existing = camel.getRegistry().lookupByNameAndType("alertRules", AlertRules.class);
        List<AlertRule> rules = new ArrayList<>(existing.rules());
        rules.add(engine);
        // per-instance alerts carry the heartbeat's instance id; an instance silent for 3 heartbeats (≥ 5 min) is gone
        Duration gone = Duration.ofMillis(Math.max(Duration.ofMinutes(5).toMillis(),
                3 * number(properties, "bella.slo.heartbeat-interval-ms")));
        camel.getRegistry().bind("alertRules", new AlertRules(alerts, rules, heartbeat.instanceId(), gone));
        // watches whose CRITICAL goes out directly while the alert store may be unusable (route alerts-direct-watch)
        DirectAlert databaseDirect = directAlert(camel, alerts, heartbeat.instanceId());
        DatabaseWatch databaseWatch = new DatabaseWatch(background, databaseDirect,
                (int) number(properties, "bella.alerts.database.failures-before-alert"), zone);
        camel.getRegistry().bind("databaseWatch", databaseWatch);
        camel.getRegistry().bind("databaseDirectAlert", databaseDirect);
        DirectAlert diskDirect = directAlert(camel, alerts, heartbeat.instanceId());
        // an external PostgreSQL's disk is not ours to see: the watch asks it to extend a table instead
        DiskWatch diskWatch = new DiskWatch(java.nio.file.Path.of(properties.apply("bella.data-dir")),
                properties.apply("bella.db.url").isBlank() ? null : background, diskDirect,
                new DiskWatch.Threshold(number(properties, "bella.alerts.disk.min-free-mb"),
                        percent(properties, "bella.alerts.disk.min-free-percent")));
        camel.getRegistry().bind("diskWatch", diskWatch);
        camel.getRegistry().bind("diskDirectAlert", diskDirect);

        CostReport report = new CostReport(dataSource, clock, zone, ledger.prices());
        UnifiedApi unified = new UnifiedApi(camel, report, new AlertService(dataSource, events, clock))
                .section("sla-metrics.report", () -> unchecked(engine::view))
                .section("status.instances", () -> unchecked(() -> heartbeat.instances(Duration.ofMinutes(5))))
                .section("status.instance", heartbeat::instanceId)
                .section("status.paths", () -> paths(properties))
                .section("status.database", databaseWatch::view)
                .section("status.disk", diskWatch::view);
        app.bella.costs.BudgetGuard guard = camel.getRegistry().lookupByNameAndType("budgetGuard", app.bella.costs.BudgetGuard.class);
        if (guard != null) {
            unified.section("costs.guard", guard::view);
            camel.getRegistry().bind("budgetGuardApi", new app.bella.api.BudgetGuardApi(guard, clock));
        }
        // business metrics, errors by kind and recommendations (docs/unified-api.md)
        app.bella.analytics.ErrorKinds errorKinds = new app.bella.analytics.ErrorKinds(dataSource, clock);
        app.bella.analytics.BusinessReport business = new app.bella.analytics.BusinessReport(dataSource, clock, zone, report,
                errorKinds, successful, (int) number(properties, "bella.metrics.quality-window-days"),
                new app.bella.analytics.BusinessReport.Timings(from -> {
                    app.bella.ops.TurnLatencyRecorder turns = camel.getRegistry().lookupByNameAndType("turnLatency",
                            app.bella.ops.TurnLatencyRecorder.class);
                    return turns == null ? new long[0] : turns.since(from);
                }, () -> camel.getRegistry().lookupByNameAndType("metricsRegistry", io.micrometer.core.instrument.MeterRegistry.class)));
        app.bella.costs.Recommendations recommendations = new app.bella.costs.Recommendations(dataSource, clock, zone,
                new app.bella.costs.Recommendations.Settings((int) number(properties, "bella.recommendations.minimum-turns"),
                        number(properties, "bella.recommendations.tolerance-percent") / 100.0,
                        new java.math.BigDecimal(properties.apply("bella.recommendations.instance-usd-per-month").strip())),
                app.bella.costs.Recommendations.Jvm::current);
        // recomputed at most once a snapshot period (and by the snapshot timer): the console reads them every few seconds
        Duration fresh = Duration.ofMillis(number(properties, "bella.metrics.snapshot-interval-ms"));
        app.bella.support.Cached<Object> businessView = new app.bella.support.Cached<>(business::view, fresh);
        app.bella.support.Cached<Object> recommended = new app.bella.support.Cached<>(recommendations::list, fresh);
        business.onRefresh(() -> unchecked(businessView::refresh));
        unified.body("business-metrics", () -> unchecked(businessView::get))
                .section("costs.recommendations", () -> unchecked(recommended::get));
        camel.getRegistry().bind("errorKinds", errorKinds);
        camel.getRegistry().bind("businessReport", business);
        camel.getRegistry().bind("recommendations", recommendations);
        camel.getRegistry().bind("maintenanceApi", new app.bella.api.MaintenanceApi(
                camel.getRegistry().lookupByNameAndType("maintenance", MaintenanceWindows.class)));
        camel.getRegistry().bind("callCosts", callCosts);
        camel.getRegistry().bind("costReport", report);
        camel.getRegistry().bind("sloEngine", engine);
        camel.getRegistry().bind("sloHeartbeat", heartbeat);
        camel.getRegistry().bind("sliRecorder", sli);
        camel.getRegistry().bind("unifiedApi", unified);
    }

    private static DirectAlert directAlert(CamelContext camel, AlertService alerts, String instance) {
        return new DirectAlert(alerts, camel.getRegistry().lookupByNameAndType("alertMessages", AlertMessages.class),
                camel.getRegistry().lookupByNameAndType("alertRouting", AlertRouting.class),
                camel.getRegistry().lookupByNameAndType("alertChannelSettings", AlertChannels.Settings.class),
                camel.getRegistry().lookupByNameAndType("maintenance", MaintenanceWindows.class), instance);
    }

    private static Map<String, Object> paths(Function<String, String> properties) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("speech", properties.apply("bella.stt").isBlank() ? "auto" : properties.apply("bella.stt"));
        m.put("extraction", properties.apply("bella.extractor").isBlank() ? "auto" : properties.apply("bella.extractor"));
        return m;
    }

    interface Query<T> {
        T get() throws Exception;
    }

    static <T> T unchecked(Query<T> q) {
        try {
            return q.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> list(String spec) {
        return spec == null ? Set.of() : Arrays.stream(spec.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static long number(Function<String, String> properties, String name) {
        try {
            return Long.parseLong(properties.apply(name).strip());
        } catch (RuntimeException e) {
            throw new IllegalStateException("Property " + name + " must be a whole number, not '" + properties.apply(name) + "'", e);
        }
    }

    private static double percent(Function<String, String> properties, String name) {
        try {
            return Double.parseDouble(properties.apply(name).strip()) / 100.0;
        } catch (RuntimeException e) {
            throw new IllegalStateException("Property " + name + " must be a percentage, not '" + properties.apply(name) + "'", e);
        }
    }
}
