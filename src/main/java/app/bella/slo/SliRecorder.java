package app.bella.slo;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Counts service-level events from Camel's own event stream, so no route changes: every answer of a webhook or API
 * route (every platform-http route but the health probes) is good when it took under the latency target; every call to
 * OpenAI (the openai-* Kamelets) is good when it did not fail. Counts are kept per minute on Bella's clock and added
 * to PostgreSQL by {@link #flush()} (route ops-slo-flush); answer times also feed a Prometheus histogram.
 */
public final class SliRecorder extends EventNotifierSupport {

    private final Clock clock;
    private final long latencyTargetMillis;
    private final Map<String, AtomicLongArray> pending = new ConcurrentHashMap<>();
    private volatile MeterRegistry meters;

    public SliRecorder(Clock clock, Duration latencyTarget) {
        this.clock = clock;
        this.latencyTargetMillis = latencyTarget.toMillis();
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    public void meters(MeterRegistry registry) {
        this.meters = registry;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent
                || event instanceof CamelEvent.ExchangeSentEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.ExchangeSentEvent sent) {
            String uri = sent.getEndpoint() == null ? "" : sent.getEndpoint().getEndpointUri();
            if (uri.startsWith("kamelet://openai-") || uri.startsWith("kamelet:openai-")) {
                boolean ok = sent.getExchange().getException() == null;
                count("openai", ok);
            }
            return;
        }
        if (event instanceof CamelEvent.ExchangeEvent e) {
            Exchange exchange = e.getExchange();
            String route = exchange.getFromRouteId();
            if (route == null || route.startsWith("platform-") || exchange.getFromEndpoint() == null
                    || !exchange.getFromEndpoint().getEndpointUri().startsWith("platform-http")) {
                return; // not an HTTP answer, or a health probe
            }
            long millis = exchange.getClock().elapsed();
            answered(route.startsWith("api") ? "api" : "webhook", millis);
        }
    }

    /** One HTTP answer of the given kind (webhook, api) that took {@code millis}. */
    public void answered(String kind, long millis) {
        count("http-latency", millis < latencyTargetMillis);
        MeterRegistry m = meters;
        if (m != null) {
            Timer.builder("bella.http.answers").description("time to answer a webhook or API request")
                    .tag("kind", kind).publishPercentileHistogram().register(m).record(millis, TimeUnit.MILLISECONDS);
        }
    }

    public void count(String slo, boolean good) {
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        AtomicLongArray counts = pending.computeIfAbsent(slo + "|" + minute, k -> new AtomicLongArray(2));
        if (good) {
            counts.incrementAndGet(0);
        }
        counts.incrementAndGet(1);
    }

    /** Adds what was counted since the last flush to the store; what cannot be written is kept for the next one. */
    public void flush(SloStore store) {
        for (String key : pending.keySet()) {
            AtomicLongArray counts = pending.remove(key);
            if (counts == null) {
                continue;
            }
            int bar = key.indexOf('|');
            try {
                store.add(key.substring(0, bar), Instant.parse(key.substring(bar + 1)), counts.get(0), counts.get(1));
            } catch (RuntimeException e) {
                AtomicLongArray back = pending.computeIfAbsent(key, k -> new AtomicLongArray(2));
                back.addAndGet(0, counts.get(0));
                back.addAndGet(1, counts.get(1));
                throw e;
            }
        }
    }
}
