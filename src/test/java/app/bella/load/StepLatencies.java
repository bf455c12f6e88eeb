package app.bella.load;

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
 */
final class StepLatencies {

    private final Map<String, Samples> byKind = new ConcurrentHashMap<>();

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

    /** One line per kind: how many, how many per second while they came, and the percentiles in milliseconds. */
    List<String> report() {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(byKind).forEach((kind, samples) -> lines.add(samples.line(kind)));
        return lines;
    }

    private static final class Samples {
        private long[] millis = new long[1024];
        private int count;
        private long firstNanos = Long.MAX_VALUE;
        private long lastNanos = Long.MIN_VALUE;

        synchronized void add(long ms, long atNanos) {
            if (count == millis.length) {
                millis = Arrays.copyOf(millis, count * 2);
            }
            millis[count++] = ms;
            firstNanos = Math.min(firstNanos, atNanos);
            lastNanos = Math.max(lastNanos, atNanos);
        }

        synchronized String line(String kind) {
            long[] sorted = Arrays.copyOf(millis, count);
            Arrays.sort(sorted);
            double seconds = (lastNanos - firstNanos) / 1e9;
            return String.format(java.util.Locale.ROOT,
                    "step %s: %d, %.0f/s, p50 %d ms, p90 %d ms, p99 %d ms, max %d ms", kind, count,
                    seconds > 0 ? count / seconds : count, at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99),
                    sorted[sorted.length - 1]);
        }

        /** The nearest-rank percentile: the smallest value with at least that share of the samples at or below it. */
        private static long at(long[] sorted, double share) {
            int rank = (int) Math.ceil(share * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }
    }
}
