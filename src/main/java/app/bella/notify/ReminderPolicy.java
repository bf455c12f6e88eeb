package app.bella.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When reminders go out: the configured offsets before the appointment ({@code 24h,2h}), moved out of the quiet
 * hours of the practice's time zone. Plain Java and given "now" explicitly, so every rule is testable on its own.
 *
 * <ul>
 *   <li>An offset of whole days ({@code 1d}, {@code 24h}, {@code 48h}) means the same wall-clock time that many days
 *       earlier, also across a DST change; any other offset ({@code 2h}, {@code 90m}) is an exact duration.</li>
 *   <li>A reminder due in quiet hours goes out when they end, if that is still before the appointment; otherwise at
 *       the end of the quiet hours the morning before.</li>
 *   <li>A reminder whose time (before quiet-hour adjustment) has already passed when it is planned is not planned:
 *       the booking was made too close to the appointment for it to make sense.</li>
 * </ul>
 */
public final class ReminderPolicy {

    private static final Pattern OFFSET = Pattern.compile("(\\d{1,4})\\s*([dhm])");
    private static final Pattern QUIET = Pattern.compile("(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})");

    /** One planned reminder: its notification kind (e.g. {@code reminder-24h}) and when it is due. */
    public record Reminder(String kind, Instant dueAt) {
    }

    private record Offset(String kind, int days, Duration exact) {
    }

    private final ZoneId zone;
    private final List<Offset> offsets;
    private final LocalTime quietStart;
    private final LocalTime quietEnd;

    private ReminderPolicy(ZoneId zone, List<Offset> offsets, LocalTime quietStart, LocalTime quietEnd) {
        this.zone = zone;
        this.offsets = offsets;
        this.quietStart = quietStart;
        this.quietEnd = quietEnd;
    }

    /**
     * @param reminders comma-separated offsets such as {@code 24h,2h} ({@code d}, {@code h}, {@code m}); empty = none
     * @param quietHours {@code HH:mm-HH:mm} in the practice zone, may wrap midnight ({@code 21:00-08:00}); empty = none
     */
    public static ReminderPolicy parse(String reminders, String quietHours, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        Map<String, Offset> parsed = new LinkedHashMap<>();
        for (String part : (reminders == null ? "" : reminders).split(",")) {
            String spec = part.strip().toLowerCase(Locale.ROOT);
            if (spec.isEmpty()) {
                continue;
            }
            Matcher m = OFFSET.matcher(spec);
            if (!m.matches() || Integer.parseInt(m.group(1)) == 0) {
                throw new IllegalArgumentException("Reminder offset '" + part.strip() + "' is not like 24h, 2h, 1d or 90m");
            }
            int n = Integer.parseInt(m.group(1));
            String unit = m.group(2);
            Offset offset = switch (unit) {
                case "d" -> new Offset("reminder-" + n + "d", n, null);
                case "h" -> n % 24 == 0 ? new Offset("reminder-" + n + "h", n / 24, null)
                        : new Offset("reminder-" + n + "h", 0, Duration.ofHours(n));
                default -> new Offset("reminder-" + n + "m", 0, Duration.ofMinutes(n));
            };
            parsed.putIfAbsent(offset.kind(), offset);
        }
        LocalTime start = null;
        LocalTime end = null;
        if (quietHours != null && !quietHours.isBlank()) {
            Matcher m = QUIET.matcher(quietHours.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("Quiet hours '" + quietHours + "' are not like 21:00-08:00");
            }
            start = LocalTime.parse(pad(m.group(1)));
            end = LocalTime.parse(pad(m.group(2)));
            if (start.equals(end)) {
                start = null; // an empty range: no quiet hours
                end = null;
            }
        }
        return new ReminderPolicy(zone, List.copyOf(parsed.values()), start, end);
    }

    private static String pad(String hhmm) {
        return hhmm.length() == 4 ? "0" + hhmm : hhmm;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The reminder kinds configured, e.g. [reminder-24h, reminder-2h]. */
    public List<String> kinds() {
        return offsets.stream().map(Offset::kind).toList();
    }

    /** The reminders to schedule for an appointment starting at {@code start}, planned at {@code now}. */
    public List<Reminder> plan(Instant start, Instant now) {
        List<Reminder> out = new ArrayList<>();
        for (Offset offset : offsets) {
            Instant nominal = nominal(start, offset);
            if (nominal.isAfter(now)) {
                out.add(new Reminder(offset.kind(), outOfQuietHours(nominal, start)));
            }
        }
        return out;
    }

    /** The time {@code offset} before {@code start}: calendar days in the practice zone, or an exact duration. */
    private Instant nominal(Instant start, Offset offset) {
        if (offset.exact() != null) {
            return start.minus(offset.exact());
        }
        return start.atZone(zone).minusDays(offset.days()).toInstant();
    }

    /** {@code due} itself outside quiet hours; else their end if before {@code start}, else the morning before. */
    public Instant outOfQuietHours(Instant due, Instant start) {
        if (!isQuiet(due)) {
            return due;
        }
        ZonedDateTime end = endOfQuietHours(due);
        if (end.toInstant().isBefore(start)) {
            return end.toInstant();
        }
        return end.minusDays(1).toInstant();
    }

    /** Whether {@code t} falls in the quiet hours [start, end) in the practice zone. */
    public boolean isQuiet(Instant t) {
        if (quietStart == null) {
            return false;
        }
        LocalTime local = t.atZone(zone).toLocalTime();
        if (quietStart.isBefore(quietEnd)) {
            return !local.isBefore(quietStart) && local.isBefore(quietEnd);
        }
        return !local.isBefore(quietStart) || local.isBefore(quietEnd);
    }

    /** The end of the quiet period {@code t} is in (t must be quiet). */
    private ZonedDateTime endOfQuietHours(Instant t) {
        ZonedDateTime local = t.atZone(zone);
        boolean wraps = !quietStart.isBefore(quietEnd);
        boolean eveningPart = wraps && !local.toLocalTime().isBefore(quietStart);
        return ZonedDateTime.of(eveningPart ? local.toLocalDate().plusDays(1) : local.toLocalDate(), quietEnd, zone);
    }

    @Override
    public String toString() {
        return "reminders " + kinds() + (quietStart == null ? ", no quiet hours" : ", quiet hours " + quietStart + "-" + quietEnd);
    }
}
