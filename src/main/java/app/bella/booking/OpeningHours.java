package app.bella.booking;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Weekly opening hours: for each weekday, zero or more non-overlapping time ranges
 * (e.g. a lunch break gives Mon 09:00-12:00 and 13:00-17:00).
 *
 * <p>Config syntax: segments separated by {@code ;}, each {@code DAYS RANGES} where DAYS is a
 * day ({@code Mon}), a forward day span ({@code Mon-Fri}) or a comma list ({@code Mon,Wed}),
 * and RANGES is a comma list of {@code HH:mm-HH:mm}. Example:
 * {@code "Mon-Thu 09:00-12:00,13:00-17:00; Fri 09:00-15:00; Sat 10:00-14:00"}.
 * Times are wall-clock times in the schedule's zone. Ranges are stored exactly as given (sorted),
 * so an appointment spanning two touching ranges is not covered; write one range instead.
 */
public final class OpeningHours {

    private static final List<String> DAY_NAMES = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");

    private final Map<DayOfWeek, List<LocalTimeRange>> byDay;

    private OpeningHours(Map<DayOfWeek, List<LocalTimeRange>> byDay) {
        EnumMap<DayOfWeek, List<LocalTimeRange>> copy = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            List<LocalTimeRange> ranges = new ArrayList<>(byDay.getOrDefault(day, List.of()));
            ranges.sort(Comparator.comparing(LocalTimeRange::start));
            for (int i = 1; i < ranges.size(); i++) {
                if (ranges.get(i).start().isBefore(ranges.get(i - 1).end())) {
                    throw new IllegalArgumentException("overlapping ranges on " + dayName(day) + ": "
                            + ranges.get(i - 1) + " and " + ranges.get(i));
                }
            }
            if (!ranges.isEmpty()) {
                copy.put(day, List.copyOf(ranges));
            }
        }
        this.byDay = copy;
    }

    /** Builds opening hours from a per-day map; days absent from the map are closed. */
    public static OpeningHours of(Map<DayOfWeek, List<LocalTimeRange>> byDay) {
        Objects.requireNonNull(byDay, "byDay");
        return new OpeningHours(byDay);
    }

    /** Closed every day; useful as a base for tests and for "no hours configured". */
    public static OpeningHours closed() {
        return new OpeningHours(Map.of());
    }

    /** Parses a config string; throws IllegalArgumentException naming the offending token. */
    public static OpeningHours parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        if (spec.isBlank()) {
            throw new IllegalArgumentException("opening hours spec is empty");
        }
        Map<DayOfWeek, List<LocalTimeRange>> byDay = new EnumMap<>(DayOfWeek.class);
        for (String rawSegment : spec.split(";")) {
            String segment = rawSegment.trim();
            if (segment.isEmpty()) {
                continue; // tolerate a trailing ';'
            }
            String[] parts = segment.split("\\s+", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("bad segment '" + segment + "', expected e.g. 'Mon-Fri 09:00-17:00'");
            }
            List<DayOfWeek> days = parseDays(parts[0]);
            List<LocalTimeRange> ranges = new ArrayList<>();
            for (String token : parts[1].split(",")) {
                ranges.add(LocalTimeRange.parse(token.trim()));
            }
            for (DayOfWeek day : days) {
                if (byDay.containsKey(day)) {
                    throw new IllegalArgumentException("day '" + dayName(day) + "' given twice in '" + spec + "'");
                }
                byDay.put(day, ranges);
            }
        }
        if (byDay.isEmpty()) {
            throw new IllegalArgumentException("opening hours spec has no days: '" + spec + "'");
        }
        return new OpeningHours(byDay);
    }

    private static List<DayOfWeek> parseDays(String token) {
        List<DayOfWeek> days = new ArrayList<>();
        for (String item : token.split(",")) {
            String[] span = item.split("-", -1);
            if (span.length == 1) {
                days.add(parseDay(span[0], token));
            } else if (span.length == 2) {
                DayOfWeek from = parseDay(span[0], token);
                DayOfWeek to = parseDay(span[1], token);
                if (to.compareTo(from) < 0) {
                    // Reject wrap-around spans: "Fri-Mon" is more likely a typo than intent.
                    throw new IllegalArgumentException("day span '" + item + "' must run forward from Mon to Sun");
                }
                for (int d = from.getValue(); d <= to.getValue(); d++) {
                    days.add(DayOfWeek.of(d));
                }
            } else {
                throw new IllegalArgumentException("bad day span '" + item + "'");
            }
        }
        return days;
    }

    private static DayOfWeek parseDay(String name, String token) {
        String trimmed = name.trim();
        for (int i = 0; i < DAY_NAMES.size(); i++) {
            if (DAY_NAMES.get(i).equalsIgnoreCase(trimmed)) {
                return DayOfWeek.of(i + 1);
            }
        }
        throw new IllegalArgumentException("unknown day '" + trimmed + "' in '" + token + "', expected Mon..Sun");
    }

    private static String dayName(DayOfWeek day) {
        return DAY_NAMES.get(day.getValue() - 1);
    }

    /** The ranges for a weekday, sorted by start; empty when closed. */
    public List<LocalTimeRange> on(DayOfWeek day) {
        return byDay.getOrDefault(Objects.requireNonNull(day, "day"), List.of());
    }

    public boolean isOpenOn(DayOfWeek day) {
        return byDay.containsKey(day);
    }

    public boolean isAlwaysClosed() {
        return byDay.isEmpty();
    }

    /** True when {@code [start, end)} on that date lies entirely within one opening range. */
    public boolean covers(LocalDate date, LocalTime start, LocalTime end) {
        for (LocalTimeRange range : on(date.getDayOfWeek())) {
            if (range.contains(start, end)) {
                return true;
            }
        }
        return false;
    }

    /** Canonical spec; consecutive days with identical ranges are grouped ("Mon-Fri 09:00-17:00"). */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        DayOfWeek[] all = DayOfWeek.values();
        int i = 0;
        while (i < all.length) {
            List<LocalTimeRange> ranges = byDay.get(all[i]);
            if (ranges == null) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < all.length && ranges.equals(byDay.get(all[j + 1]))) {
                j++;
            }
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append(dayName(all[i]));
            if (j > i) {
                out.append('-').append(dayName(all[j]));
            }
            out.append(' ');
            for (int r = 0; r < ranges.size(); r++) {
                out.append(r == 0 ? "" : ",").append(ranges.get(r));
            }
            i = j + 1;
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpeningHours other && byDay.equals(other.byDay);
    }

    @Override
    public int hashCode() {
        return byDay.hashCode();
    }
}
