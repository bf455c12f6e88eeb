package app.bella.nlu;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * A date-time as the caller said it, before resolution to an instant. Any field may be null. At most one of
 * {@code date}, {@code range} and {@code unresolved} is set: the day is pinned ({@code date}), constrained to a
 * range of days ({@code range}: "next week", "early November", "Tuesday or Wednesday"), or the caller said a
 * day Bella cannot use ({@code unresolved}: the words heard, "yesterday", "February 30th", "Diwali") and must
 * be asked again — never replaced by another date.
 *
 * <p>{@code time} is always a 24-hour clock time. When the caller did not make the half of the day
 * unambiguous (no "am"/"pm", "noon", 24-hour notation, "in the afternoon", relative offset, ...),
 * the parser infers it from the business hours and {@code explicitAmPm} is {@code false}; the
 * resolver may then still move it into the afternoon/evening when {@code dayPart} says so (this
 * matters after the dialogue merged "Friday evening" with a later "at 7").
 */
public record WhenPhrase(LocalDate date, LocalTime time, DayPart dayPart, boolean explicitAmPm, DateRange range,
                         String unresolved) {

    /** A phrase that carries nothing. */
    public static final WhenPhrase EMPTY = new WhenPhrase(null, null, null, false);

    public WhenPhrase {
        if (date != null) {
            range = null;
            unresolved = null;
        } else if (unresolved != null) {
            range = null;
        }
    }

    /** A pinned (or absent) day: no range, nothing unresolved. */
    public WhenPhrase(LocalDate date, LocalTime time, DayPart dayPart, boolean explicitAmPm) {
        this(date, time, dayPart, explicitAmPm, null, null);
    }

    public boolean hasDate() {
        return date != null;
    }

    public boolean hasTime() {
        return time != null;
    }

    public boolean hasDayPart() {
        return dayPart != null;
    }

    /** Whether the day is constrained to a range rather than pinned. */
    public boolean hasRange() {
        return range != null;
    }

    /** Whether the caller said a day that cannot be used (past, impossible, unknown): ask again naming it. */
    public boolean isUnresolved() {
        return unresolved != null;
    }

    public boolean isEmpty() {
        return date == null && time == null && dayPart == null && range == null && unresolved == null;
    }

    public WhenPhrase withDate(LocalDate newDate) {
        return new WhenPhrase(newDate, time, dayPart, explicitAmPm, newDate == null ? range : null,
                newDate == null ? unresolved : null);
    }

    public WhenPhrase withTime(LocalTime newTime, boolean newExplicitAmPm) {
        return new WhenPhrase(date, newTime, dayPart, newExplicitAmPm, range, unresolved);
    }

    public WhenPhrase withDayPart(DayPart newDayPart) {
        return new WhenPhrase(date, time, newDayPart, explicitAmPm, range, unresolved);
    }

    /**
     * Merges a later answer into this one: every field the newer phrase carries wins, the others are
     * kept ("Friday" then "at 3" gives Friday at 3; "actually make it 3" changes only the time).
     * When the newer phrase gives a date or a time but no day part, a day part that would contradict
     * the new value is dropped. A newer range or unresolved day replaces the older day; and because a
     * time without a day would be taken for its next occurrence, such a merge keeps no time unless the
     * newer phrase pins a date (the caller is asked for the day first).
     */
    public WhenPhrase mergedWith(WhenPhrase newer) {
        if (newer == null || newer.isEmpty()) {
            return this;
        }
        LocalDate d = newer.date != null ? newer.date : date;
        DateRange r = newer.date != null ? null : newer.range != null ? newer.range : range;
        String u = newer.date != null || newer.range != null ? null : newer.unresolved != null ? newer.unresolved
                : unresolved;
        if (newer.range != null || newer.unresolved != null) {
            d = null;
        }
        LocalTime t = newer.time != null ? newer.time : time;
        boolean explicit = newer.time != null ? newer.explicitAmPm : explicitAmPm;
        DayPart p = newer.dayPart != null ? newer.dayPart : dayPart;
        if (newer.dayPart == null && newer.time != null && newer.explicitAmPm) {
            p = null; // an explicit new time supersedes an older vague day part
        }
        if (d == null && (r != null || u != null)) {
            t = null;
            explicit = false;
        }
        return new WhenPhrase(d, t, p, explicit, r, u);
    }
}
