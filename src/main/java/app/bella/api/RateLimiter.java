package app.bella.api;

import app.bella.support.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Requests per caller per fixed window (a clock hour by default), counted in PostgreSQL so that every instance
 * shares one budget per key. Each instance counts locally and adds its count to the shared row in batches (every
 * {@code limit/100} requests, at most 20, or once a second), so the budget can be overshot by at most one batch per
 * instance; with small limits every request is counted in the database at once.
 */
public final class RateLimiter {

    private static final long FLUSH_NANOS = 1_000_000_000L;

    private final DataSource dataSource;
    private final int limit;
    private final int windowSeconds;
    private final int batch;
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    public RateLimiter(DataSource dataSource, int limit, int windowSeconds) {
        this.dataSource = dataSource;
        this.limit = limit;
        this.windowSeconds = windowSeconds;
        this.batch = Math.max(1, Math.min(20, limit / 100));
    }

    /** What this instance knows of one caller's window. */
    private static final class Counter {
        boolean known;          // the shared count and window end below are from a flush
        long windowEndsAtNanos; // when the window the shared count belongs to ends, on this JVM's clock
        int shared;             // the shared count at the last flush (every instance's requests)
        int pending;            // this instance's requests not yet added to the shared count
        long flushedAtNanos;
    }

    /** Counts one request; throws a 429 problem with Retry-After once the caller's budget for the window is spent. */
    public void hit(Principal principal) throws SQLException {
        if (limit <= 0) {
            return; // 0 = unlimited
        }
        Counter counter = counters.computeIfAbsent(principal.id(), id -> new Counter());
        synchronized (counter) {
            long now = System.nanoTime();
            if (counter.known && now - counter.windowEndsAtNanos >= 0) {
                counter.known = false; // a new window: learn its shared count now
                counter.shared = 0;
                counter.pending = 0;
            }
            if (counter.known && counter.shared + counter.pending >= limit) {
                throw tooMany(secondsLeft(counter, now));
            }
            counter.pending++;
            if (!counter.known || counter.pending >= batch || now - counter.flushedAtNanos >= FLUSH_NANOS) {
                flush(principal, counter, now);
                if (counter.shared > limit) {
                    throw tooMany(secondsLeft(counter, now));
                }
            }
        }
    }

    private void flush(Principal principal, Counter counter, long now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            int retryAfter;
            try (PreparedStatement ps = c.prepareStatement(Sql.get("api-rate-hit"))) {
                ps.setString(1, principal.id());
                ps.setInt(2, windowSeconds);
                ps.setInt(3, windowSeconds);
                ps.setInt(4, counter.pending);
                ps.setInt(5, counter.pending);
                ps.setInt(6, windowSeconds);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    counter.shared = rs.getInt(1);
                    retryAfter = Math.max(1, rs.getInt(2));
                }
            }
            if (counter.shared == counter.pending) { // the first requests of a window: forget older windows
                try (PreparedStatement ps = c.prepareStatement(Sql.get("api-rate-expire"))) {
                    ps.setString(1, principal.id());
                    ps.setInt(2, windowSeconds);
                    ps.executeUpdate();
                }
            }
            counter.pending = 0;
            counter.flushedAtNanos = now;
            counter.windowEndsAtNanos = now + retryAfter * 1_000_000_000L;
            counter.known = true;
        }
    }

    private static int secondsLeft(Counter counter, long now) {
        return (int) Math.max(1, (counter.windowEndsAtNanos - now + 999_999_999L) / 1_000_000_000L);
    }

    private ApiProblem tooMany(int retryAfter) {
        return new ApiProblem(429, "Too many requests", "This API key has used its " + limit + " requests for this window; retry in "
                + retryAfter + " s", "X-API-Key").withHeader("Retry-After", String.valueOf(retryAfter));
    }
}
