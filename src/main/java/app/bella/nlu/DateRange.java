package app.bella.nlu;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The days a vague phrase allows ("next week", "early November", "after the 20th", "Tuesday or
 * Wednesday"): every date from {@code earliest} to {@code latest} (both inclusive; {@code latest} null = no
 * end said) that falls on one of {@code weekdays} (empty = any day). The dialogue offers the first free times
 * inside it and never books outside it.
 *
 * @param earliest the first allowed date (never before the day it was said)
 * @param latest   the last allowed date, or null when the caller gave no end ("after the 20th")
 * @param weekdays the allowed days of the week; empty means every day
 * @param heard    the words the range came from ("next week"), for read-backs and re-asks
 */
public record DateRange(LocalDate earliest, LocalDate latest, Set<DayOfWeek> weekdays, String heard) {

    public DateRange {
        Objects.requireNonNull(earliest, "earliest");
        weekdays = weekdays == null || weekdays.isEmpty() ? Set.of() : Set.copyOf(weekdays);
        if (latest != null && latest.isBefore(earliest)) {
            throw new IllegalArgumentException("range ends before it starts: " + earliest + ".." + latest);
        }
    }

    /** Whether {@code d} lies inside this range. */
    public boolean contains(LocalDate d) {
        return !d.isBefore(earliest) && (latest == null || !d.isAfter(latest))
                && (weekdays.isEmpty() || weekdays.contains(d.getDayOfWeek()));
    }

    /** This range narrowed to {@code days} (replacing any earlier weekday choice). */
    DateRange onWeekdays(Set<DayOfWeek> days) {
        return new DateRange(earliest, latest, days.isEmpty() ? Set.of() : EnumSet.copyOf(days), heard);
    }

    /** The first date inside the range, or null when none (within a year of {@code earliest}). */
    public LocalDate first() {
        LocalDate end = latest != null ? latest : earliest.plusYears(1);
        for (LocalDate d = earliest; !d.isAfter(end); d = d.plusDays(1)) {
            if (contains(d)) {
                return d;
            }
        }
        return null;
    }

    /** The only date inside the range, or null when there are none or several (or no end). */
    public LocalDate single() {
        if (latest == null) {
            return null;
        }
        LocalDate found = null;
        for (LocalDate d = earliest; !d.isAfter(latest); d = d.plusDays(1)) {
            if (contains(d)) {
                if (found != null) {
                    return null;
                }
                found = d;
            }
        }
        return found;
    }
}
