package app.bella.events;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;

/**
 * The outbox's beans, built from the {@code bella.events.*} and {@code bella.outbox.*} properties: the writer the
 * domain appends with, the relay the outbox-relay route calls, and the metrics bound once Micrometer is up.
 */
public record OutboxBeans(OutboxWriter writer, OutboxRelay relay, OutboxMetrics metrics) implements AutoCloseable {

    /** @param properties resolves a property name to its value (null when unset) */
    public static OutboxBeans create(Function<String, String> properties, DataSource dataSource, String kafkaBootstrapServers) {
        OutboxWriter writer = new OutboxWriter(EventTopics.from(properties), Clock.systemUTC());
        OutboxRelay relay = new OutboxRelay(dataSource, new OutboxRelay.Settings(
                kafkaBootstrapServers,
                intProperty(properties, "bella.outbox.batch-size"),
                intProperty(properties, "bella.outbox.delivery-timeout-ms"),
                intProperty(properties, "bella.outbox.request-timeout-ms"),
                intProperty(properties, "bella.outbox.max-block-ms")));
        return new OutboxBeans(writer, relay, new OutboxMetrics(dataSource, relay));
    }

    /** Binds the outbox gauges to the Micrometer registry camel-micrometer-prometheus creates while Camel starts. */
    public void registerMetricsOnStart(CamelContext camel) {
        try {
            camel.addStartupListener(new StartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                    // the registry is bound, but wait for the full start like every other meter
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                    MeterRegistry registry = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
                    if (registry != null) {
                        metrics.bindTo(registry);
                    }
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("Could not register the outbox metrics", e);
        }
    }

    private static int intProperty(Function<String, String> properties, String name) {
        String value = properties.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Missing property " + name);
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Property " + name + " must be a whole number, not " + value, e);
        }
    }

    @Override
    public void close() {
        relay.close();
    }
}
