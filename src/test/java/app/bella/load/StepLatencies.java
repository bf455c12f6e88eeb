package app.bella.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Webhook response times of a load run per kind of step, across every kind of call: Gatling's report gives
 * percentiles per request name inside each call's group, while the goals speak of "a turn" whatever was asked.
 * A step's kind is its request name without the question ({@code turn ask-time} → {@code turn}); a call start
 * stays {@code call start}.
 *
 * <p>Each kind is reported twice: the whole run, and the steady part after the first {@code settle} of it, with the
 * worst p99 of any ten seconds in that part. The first seconds of a run carry what no steady state has: the load
 * generator's own cold start and the texts and events of the callers it seeded just before.
 */
final class StepLatencies {

    private static final long WINDOW_NANOS = Duration.ofSeconds(10).toNanos();

    private final Map<String, Samples> byKind = new ConcurrentHashMap<>();
    private final long settleNanos;

    StepLatencies(Duration settle) {
        this.settleNanos = settle.toNanos();
    }

    static String kind(String requestName) {
        if (requestName.equals("call start")) {
            return requestName;
        }
        int space = requestName.indexOf(' ');
        return space < 0 ? requestName : requestName.substring(0, space);
    }

    void record(String requestName, long millis, long atNanos) {
        byKind.computeIfAbsent(kind(requestName), k -> new Samples()).add(millis, atNanos);
    }

    /**
     * One line per kind: how many, how many per second while they came, and the percentiles in milliseconds; then,
     * when the run lasted beyond its settling time, the same from then on and the worst ten seconds' p99.
     */
    List<String> report() {
        List<String> lines = new ArrayList<>();
        long runStart = byKind.values().stream().mapToLong(Samples::first).min().orElse(0);
        new TreeMap<>(byKind).forEach((kind, samples) -> {
            lines.add("step " + kind + ": " + samples.summary(Long.MIN_VALUE));
            if (settleNanos > 0 && samples.last() >= runStart + settleNanos) {
                lines.add("step " + kind + " after " + settleNanos / 1_000_000_000 + " s: "
                        + samples.summary(runStart + settleNanos) + ", worst 10 s p99 "
                        + samples.worstWindowP99(runStart + settleNanos) + " ms");
            }
        });
        return lines;
    }

    private static final class Samples {
        private long[] millis = new long[1024];
        private long[] at = new long[1024];
        private int count;

        synchronized void add(long ms, long atNanos) {
            if (count == millis.length) {
                millis = Arrays.copyOf(millis, count * 2);
                at = Arrays.copyOf(at, count * 2);
            }
            millis[count] = ms;
            at[count++] = atNanos;
        }

        synchronized long first() {
            return Arrays.stream(at, 0, count).min().orElse(Long.MAX_VALUE);
        }

        synchronized long last() {
            return Arrays.stream(at, 0, count).max().orElse(Long.MIN_VALUE);
        }

        /** The samples recorded at or after {@code from}: count, rate and percentiles. */
        synchronized String summary(long from) {
            long[] sorted = between(from, Long.MAX_VALUE);
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (int i = 0; i < count; i++) {
                if (at[i] >= from) {
                    first = Math.min(first, at[i]);
                    last = Math.max(last, at[i]);
                }
            }
            double seconds = (last - first) / 1e9;
            return String.format(java.util.Locale.ROOT, "%d, %.0f/s, p50 %d ms, p90 %d ms, p99 %d ms, max %d ms",
                    sorted.length, seconds > 0 ? sorted.length / seconds : sorted.length, percentile(sorted, 0.50),
                    percentile(sorted, 0.90), percentile(sorted, 0.99), sorted[sorted.length - 1]);
        }

        /** The highest p99 of the consecutive ten-second windows from {@code from} on (a partial last one included). */
        synchronized long worstWindowP99(long from) {
            long worst = 0;
            for (long start = from; start <= last(); start += WINDOW_NANOS) {
                long[] window = between(start, start + WINDOW_NANOS);
                if (window.length > 0) {
                    worst = Math.max(worst, percentile(window, 0.99));
                }
            }
            return worst;
        }

        private long[] between(long from, long to) {
            long[] out = new long[count];
            int n = 0;
            for (int i = 0; i < count; i++) {
                if (at[i] >= from && at[i] < to) {
                    out[n++] = millis[i];
                }
            }
            long[] sorted = Arrays.copyOf(out, n);
            Arrays.sort(sorted);
            return sorted;
        }

        /** The nearest-rank percentile: the smallest value with at least that share of the samples at or below it. */
        private static long percentile(long[] sorted, double share) {
            int rank = (int) Math.ceil(share * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }
    }
}
