package app.bella.booking;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A half-open range of wall-clock times within one day, {@code [start, end)}.
 * Overnight ranges (end before start) are not supported: opening hours that pass
 * midnight must be split across two days.
 */
public record LocalTimeRange(LocalTime start, LocalTime end) {

    private static final DateTimeFormatter PARSE = DateTimeFormatter.ofPattern("H:mm");
    private static final DateTimeFormatter PRINT = DateTimeFormatter.ofPattern("HH:mm");

    public LocalTimeRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("time range must end after it starts: " + start + "-" + end);
        }
    }

    /** Parses {@code "09:00-17:00"} (single-digit hours such as {@code "9:00"} are accepted). */
    public static LocalTimeRange parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.trim().split("-", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("bad time range '" + text + "', expected HH:mm-HH:mm");
        }
        LocalTime start = parseTime(parts[0].trim(), text);
        LocalTime end = parseTime(parts[1].trim(), text);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("bad time range '" + text + "': end must be after start");
        }
        return new LocalTimeRange(start, end);
    }

    private static LocalTime parseTime(String time, String token) {
        try {
            return LocalTime.parse(time, PARSE);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad time '" + time + "' in range '" + token + "'", e);
        }
    }

    /** True when {@code [from, to)} lies entirely within this range. */
    public boolean contains(LocalTime from, LocalTime to) {
        return !from.isBefore(start) && !to.isAfter(end) && from.isBefore(to);
    }

    public int startMinute() {
        return start.getHour() * 60 + start.getMinute();
    }

    public int endMinute() {
        return end.getHour() * 60 + end.getMinute();
    }

    @Override
    public String toString() {
        return PRINT.format(start) + "-" + PRINT.format(end);
    }
}
