package app.bella.booking;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * Answers "can this be booked?" and "what is free near it?" from a {@link Schedule} and the
 * busy intervals the caller loads. Stateless and thread-safe.
 *
 * <p>Wall-clock reasoning (opening hours, slot alignment) is done in {@link LocalDateTime} in the
 * schedule's zone and converted with {@link ZonedDateTime#of}, so slots stay at 09:00, 09:15, ...
 * local time on both sides of a DST change. Appointment lengths are real elapsed time.
 * Local times that do not exist (spring-forward gap) are skipped; local times that occur twice
 * (fall-back overlap) are offered once, at the earlier offset.
 */
public final class AvailabilityFinder {

    /** Checks one wished start; the first failing rule wins, in {@link SlotCheck.Status} order. */
    public SlotCheck check(Schedule s, Instant now, ZonedDateTime wish, Duration length,
                           List<Long> providers, List<Busy> busy) {
        requireArgs(s, now, length, providers, busy);
        Objects.requireNonNull(wish, "wish");
        Window window = Window.of(s, now);
        Instant start = wish.toInstant();
        if (start.isBefore(now)) {
            return SlotCheck.rejected(SlotCheck.Status.IN_PAST);
        }
        if (start.isBefore(window.earliest)) {
            return SlotCheck.rejected(SlotCheck.Status.TOO_SOON);
        }
        if (start.isAfter(window.latest)) {
            return SlotCheck.rejected(SlotCheck.Status.BEYOND_HORIZON);
        }
        ZonedDateTime local = wish.withZoneSameInstant(s.zone());
        LocalDate date = local.toLocalDate();
        if (s.isClosedOn(date)) {
            return SlotCheck.rejected(SlotCheck.Status.CLOSED_DAY);
        }
        Instant end = start.plus(length);
        if (!fitsOpeningHours(s, date, start, end)) {
            return SlotCheck.rejected(SlotCheck.Status.OUTSIDE_HOURS);
        }
        OptionalLong provider = BusyIndex.of(busy, s.bufferMinutes()).firstFree(providers, start, end);
        return provider.isPresent()
                ? SlotCheck.ok(provider.getAsLong())
                : SlotCheck.rejected(SlotCheck.Status.TAKEN);
    }

    /**
     * The {@code n} free aligned slots closest in time to {@code wish}, before or after it,
     * ordered by distance from the wish (ties: earlier first), with distinct start times.
     * Slots inside the lead time or beyond the horizon are never offered.
     */
    public List<Slot> nearest(Schedule s, Instant now, ZonedDateTime wish, Duration length,
                              List<Long> providers, List<Busy> busy, int n) {
        requireArgs(s, now, length, providers, busy);
        Objects.requireNonNull(wish, "wish");
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        List<Slot> result = new ArrayList<>(Math.min(n, 64));
        if (n == 0 || providers.isEmpty() || s.hours().isAlwaysClosed()) {
            return result;
        }
        Window window = Window.of(s, now);
        Instant pivot = wish.toInstant();
        BusyIndex index = BusyIndex.of(busy, s.bufferMinutes());
        LocalDate wishDate = wish.withZoneSameInstant(s.zone()).toLocalDate();

        LocalDate forwardFrom = max(wishDate, window.earliestDate(s));
        LocalDate backwardFrom = min(wishDate, window.latestDate(s));
        Walker after = new Walker(s, length, providers, index, window, forwardFrom, true,
                t -> !t.isBefore(pivot));
        Walker before = new Walker(s, length, providers, index, window, backwardFrom, false,
                t -> t.isBefore(pivot));

        Slot a = after.next();
        Slot b = before.next();
        while (result.size() < n && (a != null || b != null)) {
            boolean takeBefore;
            if (a == null) {
                takeBefore = true;
            } else if (b == null) {
                takeBefore = false;
            } else {
                Duration da = Duration.between(pivot, a.start().toInstant());
                Duration db = Duration.between(b.start().toInstant(), pivot);
                takeBefore = db.compareTo(da) <= 0; // tie: the earlier slot wins
            }
            if (takeBefore) {
                result.add(b);
                b = before.next();
            } else {
                result.add(a);
                a = after.next();
            }
        }
        return result;
    }

    /** Every free aligned slot starting on a date in {@code [from, to]} (schedule zone), in time order. */
    public List<Slot> free(Schedule s, Instant now, LocalDate from, LocalDate to, Duration length,
                           List<Long> providers, List<Busy> busy) {
        requireArgs(s, now, length, providers, busy);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to " + to + " is before from " + from);
        }
        List<Slot> result = new ArrayList<>();
        if (providers.isEmpty()) {
            return result;
        }
        Window window = Window.of(s, now);
        BusyIndex index = BusyIndex.of(busy, s.bufferMinutes());
        LocalDate first = max(from, window.earliestDate(s));
        LocalDate last = min(to, window.latestDate(s));
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            for (ZonedDateTime start : alignedStarts(s, date, length)) {
                Slot slot = slotIfFree(start, length, providers, index, window);
                if (slot != null) {
                    result.add(slot);
                }
            }
        }
        return result;
    }

    /** Aligned starts on one date whose whole appointment fits one opening range, ascending. */
    static List<ZonedDateTime> alignedStarts(Schedule s, LocalDate date, Duration length) {
        List<ZonedDateTime> starts = new ArrayList<>();
        if (s.isClosedOn(date)) {
            return starts;
        }
        LocalDateTime midnight = date.atStartOfDay();
        for (LocalTimeRange range : s.hours().on(date.getDayOfWeek())) {
            Instant open = ZonedDateTime.of(date, range.start(), s.zone()).toInstant();
            Instant close = ZonedDateTime.of(date, range.end(), s.zone()).toInstant();
            for (int m = range.startMinute(); m < range.endMinute(); m += s.slotMinutes()) {
                LocalDateTime localStart = midnight.plusMinutes(m);
                ZonedDateTime start = ZonedDateTime.of(localStart, s.zone());
                if (!start.toLocalDateTime().equals(localStart)) {
                    continue; // falls in a DST gap: this wall-clock time does not exist today
                }
                Instant startInstant = start.toInstant();
                if (startInstant.plus(length).isAfter(close)) {
                    break; // later starts end later still
                }
                if (!startInstant.isBefore(open)) {
                    starts.add(start);
                }
            }
        }
        return starts;
    }

    /**
     * True when {@code [start, end)} lies within one opening range of {@code date}. Compared as
     * instants, so an appointment crossing a DST change is measured in real time (a 01:30 start
     * on fall-back night may end at 01:00 wall-clock and still fit a 00:00-06:00 range).
     */
    private static boolean fitsOpeningHours(Schedule s, LocalDate date, Instant start, Instant end) {
        for (LocalTimeRange range : s.hours().on(date.getDayOfWeek())) {
            Instant open = ZonedDateTime.of(date, range.start(), s.zone()).toInstant();
            Instant close = ZonedDateTime.of(date, range.end(), s.zone()).toInstant();
            if (!start.isBefore(open) && !end.isAfter(close)) {
                return true;
            }
        }
        return false;
    }

    private static Slot slotIfFree(ZonedDateTime start, Duration length, List<Long> providers,
                                   BusyIndex index, Window window) {
        Instant startInstant = start.toInstant();
        if (!window.allows(startInstant)) {
            return null;
        }
        Instant end = startInstant.plus(length);
        OptionalLong provider = index.firstFree(providers, startInstant, end);
        if (provider.isEmpty()) {
            return null;
        }
        return new Slot(start, end.atZone(start.getZone()), provider.getAsLong());
    }

    private static void requireArgs(Schedule s, Instant now, Duration length, List<Long> providers, List<Busy> busy) {
        Objects.requireNonNull(s, "schedule");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(providers, "providers");
        Objects.requireNonNull(busy, "busy");
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("length must be positive: " + length);
        }
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    /** The instants a booking may start at: {@code [now + lead time, now + horizon]}. */
    private record Window(Instant earliest, Instant latest) {

        static Window of(Schedule s, Instant now) {
            return new Window(now.plus(s.minLeadTime()), now.plus(s.horizon()));
        }

        boolean allows(Instant start) {
            return !start.isBefore(earliest) && !start.isAfter(latest);
        }

        LocalDate earliestDate(Schedule s) {
            return LocalDate.ofInstant(earliest, s.zone());
        }

        LocalDate latestDate(Schedule s) {
            return LocalDate.ofInstant(latest, s.zone());
        }
    }

    /** Lazily walks free slots day by day, forward or backward, from a starting date. */
    private static final class Walker {
        private final Schedule s;
        private final Duration length;
        private final List<Long> providers;
        private final BusyIndex index;
        private final Window window;
        private final boolean forward;
        private final Predicate<Instant> side;
        private final LocalDate stopDate;
        private final Deque<ZonedDateTime> pending = new ArrayDeque<>();
        private LocalDate date;

        Walker(Schedule s, Duration length, List<Long> providers, BusyIndex index, Window window,
               LocalDate from, boolean forward, Predicate<Instant> side) {
            this.s = s;
            this.length = length;
            this.providers = providers;
            this.index = index;
            this.window = window;
            this.forward = forward;
            this.side = side;
            this.date = from;
            this.stopDate = forward ? window.latestDate(s) : window.earliestDate(s);
        }

        /** The next free slot in walking order, or null when the booking window is exhausted. */
        Slot next() {
            while (true) {
                while (!pending.isEmpty()) {
                    ZonedDateTime start = forward ? pending.pollFirst() : pending.pollLast();
                    if (!side.test(start.toInstant())) {
                        continue;
                    }
                    Slot slot = slotIfFree(start, length, providers, index, window);
                    if (slot != null) {
                        return slot;
                    }
                }
                if (forward ? date.isAfter(stopDate) : date.isBefore(stopDate)) {
                    return null;
                }
                pending.addAll(alignedStarts(s, date, length));
                date = forward ? date.plusDays(1) : date.minusDays(1);
            }
        }
    }
}
