package app.bella.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failed API authentications per client address, counted in memory (no database work for a stranger guessing keys):
 * after {@code maxPerWindow} failures an address gets 429 until its window ends. Each instance counts its own.
 */
public final class AuthFailures {

    /** Addresses tracked at most; beyond that expired windows are dropped, and if that is not enough, all of them. */
    private static final int MAX_ADDRESSES = 10_000;

    private record Window(long startNanos, int failures) {
    }

    private final int maxPerWindow;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Window> byAddress = new ConcurrentHashMap<>();

    public AuthFailures(int maxPerWindow, long windowSeconds) {
        this(maxPerWindow, windowSeconds, System::nanoTime);
    }

    AuthFailures(int maxPerWindow, long windowSeconds, LongSupplier nanoTime) {
        this.maxPerWindow = maxPerWindow;
        this.windowNanos = windowSeconds * 1_000_000_000L;
        this.nanoTime = nanoTime;
    }

    /** 0 when this address may try to authenticate; otherwise the seconds it must wait. */
    public long retryAfterSeconds(String address) {
        if (maxPerWindow <= 0) {
            return 0;
        }
        Window w = byAddress.get(address);
        long now = nanoTime.getAsLong();
        if (w == null || now - w.startNanos() >= windowNanos || w.failures() < maxPerWindow) {
            return 0;
        }
        return Math.max(1, (w.startNanos() + windowNanos - now + 999_999_999L) / 1_000_000_000L);
    }

    /** Counts a failed authentication from this address. */
    public void failed(String address) {
        if (maxPerWindow <= 0) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (byAddress.size() >= MAX_ADDRESSES && !byAddress.containsKey(address)) {
            byAddress.values().removeIf(w -> now - w.startNanos() >= windowNanos);
            if (byAddress.size() >= MAX_ADDRESSES) {
                byAddress.clear();
            }
        }
        byAddress.compute(address, (a, w) -> w == null || now - w.startNanos() >= windowNanos
                ? new Window(now, 1) : new Window(w.startNanos(), w.failures() + 1));
    }
}
