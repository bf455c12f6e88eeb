package app.bella.support;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * A value recomputed at most once per {@code maxAge} (aggregates over tens of thousands of rows that the console reads
 * every few seconds); {@link #refresh()} recomputes now, e.g. from the timer that rolls the figures up.
 */
public final class Cached<T> {

    private final Callable<T> compute;
    private final long maxAgeNanos;
    private volatile T value;
    private volatile long at;

    public Cached(Callable<T> compute, Duration maxAge) {
        this.compute = compute;
        this.maxAgeNanos = maxAge.toNanos();
    }

    public T get() throws Exception {
        T v = value;
        if (v != null && System.nanoTime() - at < maxAgeNanos) {
            return v;
        }
        return refresh();
    }

    public synchronized T refresh() throws Exception {
        T v = compute.call();
        value = v;
        at = System.nanoTime();
        return v;
    }
}
