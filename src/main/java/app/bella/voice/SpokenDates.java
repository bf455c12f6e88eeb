package app.bella.voice;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Renders dates, times and durations the way a person says them on the phone, for read-backs
 * such as "tomorrow, Thursday, October 9th at 2 PM". English only; text-to-speech voices read
 * "PM" and ordinals like "9th" naturally.
 */
public final class SpokenDates {

    private SpokenDates() {
    }

    /** "Thursday, October 9th at 2 PM". */
    public static String dateTime(ZonedDateTime t) {
        return day(t) + " at " + time(t);
    }

    /** "Thursday, October 9th". The year is left out: bookings lie within the coming months. */
    public static String day(ZonedDateTime t) {
        Objects.requireNonNull(t, "t");
        return t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ", "
                + t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " "
                + ordinal(t.getDayOfMonth());
    }

    /** "2 PM", "2:30 PM", "9:05 AM", "noon", "midnight"; minutes only when non-zero. */
    public static String time(ZonedDateTime t) {
        Objects.requireNonNull(t, "t");
        int hour = t.getHour();
        int minute = t.getMinute();
        if (minute == 0 && hour == 12) {
            return "noon";
        }
        if (minute == 0 && hour == 0) {
            return "midnight";
        }
        int clock = hour % 12 == 0 ? 12 : hour % 12;
        String suffix = hour < 12 ? "AM" : "PM";
        return minute == 0
                ? clock + " " + suffix
                : clock + ":" + (minute < 10 ? "0" : "") + minute + " " + suffix;
    }

    /** "A, B and C" ({@code last} "and") or "A, B or C" ({@code last} "or"); a single item as it is. */
    static String listed(List<String> items, String last) {
        int end = items.size() - 1;
        return end == 0 ? items.get(0) : String.join(", ", items.subList(0, end)) + " " + last + " " + items.get(end);
    }

    /** "30 minutes", "an hour", "an hour and a half", "2 hours", "2 hours and 15 minutes". */
    public static String duration(int minutes) {
        if (minutes < 0) {
            throw new IllegalArgumentException("duration must not be negative, was " + minutes);
        }
        int hours = minutes / 60;
        int rest = minutes % 60;
        if (hours == 0) {
            return minutes == 1 ? "1 minute" : minutes + " minutes";
        }
        String hourPart = hours == 1 ? "an hour" : hours + " hours";
        if (rest == 0) {
            return hourPart;
        }
        if (rest == 30) {
            return hours == 1 ? "an hour and a half" : hours + " and a half hours";
        }
        return hourPart + " and " + (rest == 1 ? "1 minute" : rest + " minutes");
    }

    /** "today" or "tomorrow" relative to {@code now} (compared in {@code t}'s zone), else "". */
    public static String relativeDay(ZonedDateTime t, ZonedDateTime now) {
        Objects.requireNonNull(t, "t");
        Objects.requireNonNull(now, "now");
        LocalDate day = t.toLocalDate();
        LocalDate today = now.withZoneSameInstant(t.getZone()).toLocalDate();
        if (day.equals(today)) {
            return "today";
        }
        if (day.equals(today.plusDays(1))) {
            return "tomorrow";
        }
        return "";
    }

    /** "tomorrow, Thursday, October 9th at 2 PM", or just the date and time when not today/tomorrow. */
    public static String readBack(ZonedDateTime t, ZonedDateTime now) {
        String relative = relativeDay(t, now);
        return relative.isEmpty() ? dateTime(t) : relative + ", " + dateTime(t);
    }

    /** "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st". */
    public static String ordinal(int n) {
        int mod100 = Math.abs(n) % 100;
        if (mod100 >= 11 && mod100 <= 13) {
            return n + "th";
        }
        return switch (Math.abs(n) % 10) {
            case 1 -> n + "st";
            case 2 -> n + "nd";
            case 3 -> n + "rd";
            default -> n + "th";
        };
    }
}
