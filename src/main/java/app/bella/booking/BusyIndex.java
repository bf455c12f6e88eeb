package app.bella.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Busy intervals grouped per provider, sorted by start, with a running maximum of end times,
 * so "is this provider free for [a, b)?" is one binary search even when busy intervals overlap.
 */
final class BusyIndex {

    private static final ProviderBusy NONE = new ProviderBusy(new Instant[0], new Instant[0]);

    private final Map<Long, ProviderBusy> byProvider;
    private final Duration buffer;

    private BusyIndex(Map<Long, ProviderBusy> byProvider, Duration buffer) {
        this.byProvider = byProvider;
        this.buffer = buffer;
    }

    static BusyIndex of(List<Busy> busy, int bufferMinutes) {
        Map<Long, List<Interval>> grouped = new HashMap<>();
        for (Busy b : busy) {
            grouped.computeIfAbsent(b.providerId(), id -> new ArrayList<>()).add(b.interval());
        }
        Map<Long, ProviderBusy> index = new HashMap<>();
        grouped.forEach((id, intervals) -> index.put(id, ProviderBusy.of(intervals)));
        return new BusyIndex(index, Duration.ofMinutes(bufferMinutes));
    }

    /** The first provider, in the given order, free for {@code [start, end)} including buffers. */
    OptionalLong firstFree(List<Long> providers, Instant start, Instant end) {
        // Widening the wished interval by the buffer on both sides is equivalent to
        // widening every busy interval, and costs nothing per busy entry.
        Instant from = start.minus(buffer);
        Instant to = end.plus(buffer);
        for (Long id : providers) {
            if (!byProvider.getOrDefault(id, NONE).overlaps(from, to)) {
                return OptionalLong.of(id);
            }
        }
        return OptionalLong.empty();
    }

    private record ProviderBusy(Instant[] starts, Instant[] maxEndSoFar) {

        static ProviderBusy of(List<Interval> intervals) {
            List<Interval> sorted = new ArrayList<>(intervals);
            sorted.sort(Comparator.comparing(Interval::start));
            Instant[] starts = new Instant[sorted.size()];
            Instant[] maxEnd = new Instant[sorted.size()];
            Instant running = Instant.MIN;
            for (int i = 0; i < sorted.size(); i++) {
                starts[i] = sorted.get(i).start();
                Instant end = sorted.get(i).end();
                running = end.isAfter(running) ? end : running;
                maxEnd[i] = running;
            }
            return new ProviderBusy(starts, maxEnd);
        }

        /** True when some busy interval overlaps the half-open {@code [from, to)}. */
        boolean overlaps(Instant from, Instant to) {
            int count = countStartingBefore(to);
            return count > 0 && maxEndSoFar[count - 1].isAfter(from);
        }

        private int countStartingBefore(Instant t) {
            int lo = 0;
            int hi = starts.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (starts[mid].isBefore(t)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
