package app.bella.voice;

import app.bella.booking.LocalTimeRange;
import app.bella.booking.OpeningHours;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Opening hours as a caller hears them ("Monday to Friday, 9 AM to 5 PM") and the day's outer bounds. */
final class HoursSpoken {

    private HoursSpoken() {
    }

    static String describe(OpeningHours hours) {
        List<String> parts = new ArrayList<>();
        DayOfWeek runStart = null;
        List<LocalTimeRange> runRanges = null;
        DayOfWeek previous = null;
        for (DayOfWeek day : DayOfWeek.values()) {
            List<LocalTimeRange> ranges = hours.on(day);
            if (runStart != null && !ranges.equals(runRanges)) {
                parts.add(group(runStart, previous, runRanges));
                runStart = null;
            }
            if (runStart == null && !ranges.isEmpty()) {
                runStart = day;
                runRanges = ranges;
            }
            previous = day;
        }
        if (runStart != null) {
            parts.add(group(runStart, DayOfWeek.SUNDAY, runRanges));
        }
        return parts.isEmpty() ? "by appointment only" : String.join("; ", parts);
    }

    static LocalTime opens(OpeningHours hours) {
        LocalTime min = null;
        for (DayOfWeek d : DayOfWeek.values()) {
            for (LocalTimeRange r : hours.on(d)) {
                min = min == null || r.start().isBefore(min) ? r.start() : min;
            }
        }
        return min == null ? LocalTime.of(9, 0) : min;
    }

    static LocalTime closes(OpeningHours hours) {
        LocalTime max = null;
        for (DayOfWeek d : DayOfWeek.values()) {
            for (LocalTimeRange r : hours.on(d)) {
                max = max == null || r.end().isAfter(max) ? r.end() : max;
            }
        }
        return max == null ? LocalTime.of(17, 0) : max;
    }

    private static String group(DayOfWeek from, DayOfWeek to, List<LocalTimeRange> ranges) {
        String days = from == to ? name(from) : name(from) + " to " + name(to);
        List<String> times = new ArrayList<>();
        for (LocalTimeRange r : ranges) {
            times.add(time(r.start()) + " to " + time(r.end()));
        }
        return days + ", " + String.join(" and ", times);
    }

    private static String name(DayOfWeek d) {
        return d.getDisplayName(TextStyle.FULL, Locale.US);
    }

    private static String time(LocalTime t) {
        return SpokenDates.time(LocalDate.of(2025, 1, 6).atTime(t).atZone(ZoneOffset.UTC));
    }
}
