package app.bella.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Records how long each exchange of one route (voice-turn) took, stamped on Bella's clock, keeping the last
 * {@code capacity} samples. Registered as a Camel event notifier, so the route itself is untouched.
 */
public final class TurnLatencyRecorder extends EventNotifierSupport {

    private record Sample(Instant at, long millis) {
    }

    private final String routeId;
    private final Clock clock;
    private final int capacity;
    private final Deque<Sample> samples = new ArrayDeque<>();

    public TurnLatencyRecorder(String routeId, Clock clock, int capacity) {
        this.routeId = routeId;
        this.clock = clock;
        this.capacity = capacity;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.ExchangeEvent e) {
            Exchange exchange = e.getExchange();
            if (routeId.equals(exchange.getFromRouteId())) {
                record(exchange.getClock().elapsed());
            }
        }
    }

    public synchronized void record(long millis) {
        samples.addLast(new Sample(clock.instant(), millis));
        while (samples.size() > capacity) {
            samples.removeFirst();
        }
    }

    /** Durations (ms) recorded at or after {@code from}. */
    public synchronized long[] since(Instant from) {
        return samples.stream().filter(s -> !s.at().isBefore(from)).mapToLong(Sample::millis).toArray();
    }

    /** Nearest-rank percentile. */
    static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
