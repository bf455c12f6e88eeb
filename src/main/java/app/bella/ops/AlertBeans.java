package app.bella.ops;

import app.bella.support.AdjustableClock;
import app.bella.events.OutboxWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.aggregate.UseLatestAggregationStrategy;

/** Builds the alerting beans from the {@code bella.alerts.*} properties and binds them under the names the routes use. */
public final class AlertBeans {

    private AlertBeans() {
    }

    /** @param properties resolves a property name to its value ("" when unset) */
    public static void bind(CamelContext camel, DataSource dataSource, AdjustableClock clock, ZoneId zone,
                            Function<String, String> properties) {
        OutboxWriter events = camel.getRegistry().lookupByNameAndType("outboxWriter", OutboxWriter.class);
        AlertService alerts = new AlertService(dataSource, events, clock);
        AlertRouting routing = AlertRouting.from(properties);
        MaintenanceWindows maintenance = new MaintenanceWindows(dataSource, alerts, zone);
        AlertPipeline pipeline = new AlertPipeline(alerts, routing, new AlertPipeline.Settings(
                Duration.ofMinutes(number(properties, "bella.alerts.dedup-window-minutes")),
                Duration.ofMinutes(Math.max(1, number(properties, "bella.alerts.escalate-after-minutes"))),
                Duration.ofMillis(number(properties, "bella.alerts.catch-up-after-ms"))),
                channel -> camel.getRoute("alerts-channel-" + channel) != null, maintenance);
        AlertMessages messages = new AlertMessages(zone);
        AlertChannels.Settings configured = new AlertChannels.Settings(
                !properties.apply("bella.alerts.slack.webhook-url").isBlank(),
                !properties.apply("bella.alerts.smtp.host").isBlank() && !properties.apply("bella.alerts.email.to").isBlank(),
                properties.apply("bella.alerts.oncall-phone"),
                !properties.apply("bella.sms.from").isBlank());
        AlertChannels channels = new AlertChannels(alerts, messages, configured);

        TurnLatencyRecorder latency = new TurnLatencyRecorder("voice-turn", clock, 10_000);
        camel.getManagementStrategy().addEventNotifier(latency);
        // the practice's policy (docs/alerts.md): HIGH = degradation, MEDIUM = performance issues and failed calls
        Severity degradation = Severity.HIGH;
        Severity performance = Severity.MEDIUM;
        Severity failedCalls = Severity.MEDIUM;
        List<AlertRule> rules = new ArrayList<>();
        rules.add(new BreakerRule(() -> CircuitBreakers.states(camel), Severity.parse(properties.apply("bella.alerts.breaker-severity"))));
        rules.add(new CallSuccessRule(dataSource, Duration.ofMinutes(number(properties, "bella.alerts.call-success.window-minutes")),
                (int) number(properties, "bella.alerts.call-success.minimum-calls"),
                Double.parseDouble(properties.apply("bella.alerts.call-success.target-percent").strip()), failedCalls));
        rules.add(new TurnLatencyRule(latency, Duration.ofMinutes(number(properties, "bella.alerts.turn-latency.window-minutes")),
                (int) number(properties, "bella.alerts.turn-latency.minimum-turns"),
                Duration.ofMillis(number(properties, "bella.alerts.turn-latency.p99-target-ms")), performance));
        rules.add(new OutboxRule(dataSource, number(properties, "bella.alerts.outbox.max-backlog"),
                number(properties, "bella.alerts.outbox.max-age-seconds"), degradation));
        rules.add(new SmsFailureRule(dataSource, Duration.ofMinutes(number(properties, "bella.alerts.sms-failures.window-minutes")),
                number(properties, "bella.alerts.sms-failures.max-failures"), failedCalls));
        BookingFailures bookingFailures = new BookingFailures(clock,
                Duration.ofMinutes(number(properties, "bella.alerts.booking-failures.window-minutes")),
                (int) number(properties, "bella.alerts.booking-failures.max-failures"), failedCalls);
        rules.add(bookingFailures);
        camel.getRegistry().bind("bookingFailures", bookingFailures);
        // the budget guard, when bound, is the budget source (its scope, Bella's clock); else the plain threshold rule
        AlertRule guard = camel.getRegistry().lookupByNameAndType("budgetGuard", AlertRule.class);
        rules.add(guard != null ? guard : new BudgetRule(dataSource, zone.getId(), new BigDecimal(properties.apply("bella.alerts.monthly-budget-usd").strip()),
                Arrays.stream(properties.apply("bella.alerts.budget-thresholds").split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).map(Integer::valueOf).toList()));

        rules.add(maintenance);
        camel.getRegistry().bind("maintenance", maintenance);
        camel.getRegistry().bind("alertMessages", messages);
        camel.getRegistry().bind("alertRouting", routing);
        camel.getRegistry().bind("alertChannelSettings", configured);
        camel.getRegistry().bind("clock", clock);
        camel.getRegistry().bind("alerts", alerts);
        camel.getRegistry().bind("alertRules", new AlertRules(alerts, rules));
        camel.getRegistry().bind("alertPipeline", pipeline);
        camel.getRegistry().bind("alertChannels", channels);
        camel.getRegistry().bind("alertBurstGrouping", new UseLatestAggregationStrategy());
        camel.getRegistry().bind("turnLatency", latency);
    }

    private static long number(Function<String, String> properties, String name) {
        String v = properties.apply(name);
        try {
            return Long.parseLong(v.strip());
        } catch (RuntimeException e) {
            throw new IllegalStateException("Property " + name + " must be a whole number, not '" + v + "'", e);
        }
    }
}
