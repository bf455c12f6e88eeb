package app.bella.nlu;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * A date-time as the caller said it, before resolution to an instant. Any field may be null.
 *
 * <p>{@code time} is always a 24-hour clock time. When the caller did not make the half of the day
 * unambiguous (no "am"/"pm", "noon", 24-hour notation, "in the afternoon", relative offset, ...),
 * the parser infers it from the business hours and {@code explicitAmPm} is {@code false}; the
 * resolver may then still move it into the afternoon/evening when {@code dayPart} says so (this
 * matters after the dialogue merged "Friday evening" with a later "at 7").
 */
public record WhenPhrase(LocalDate date, LocalTime time, DayPart dayPart, boolean explicitAmPm) {

    /** A phrase that carries nothing. */
    public static final WhenPhrase EMPTY = new WhenPhrase(null, null, null, false);

    public boolean hasDate() {
        return date != null;
    }

    public boolean hasTime() {
        return time != null;
    }

    public boolean hasDayPart() {
        return dayPart != null;
    }

    public boolean isEmpty() {
        return date == null && time == null && dayPart == null;
    }

    public WhenPhrase withDate(LocalDate newDate) {
        return new WhenPhrase(newDate, time, dayPart, explicitAmPm);
    }

    public WhenPhrase withTime(LocalTime newTime, boolean newExplicitAmPm) {
        return new WhenPhrase(date, newTime, dayPart, newExplicitAmPm);
    }

    public WhenPhrase withDayPart(DayPart newDayPart) {
        return new WhenPhrase(date, time, newDayPart, explicitAmPm);
    }

    /**
     * Merges a later answer into this one: every field the newer phrase carries wins, the others are
     * kept ("Friday" then "at 3" gives Friday at 3; "actually make it 3" changes only the time).
     * When the newer phrase gives a date or a time but no day part, a day part that would contradict
     * the new value is dropped.
     */
    public WhenPhrase mergedWith(WhenPhrase newer) {
        if (newer == null || newer.isEmpty()) {
            return this;
        }
        LocalDate d = newer.date != null ? newer.date : date;
        LocalTime t = newer.time != null ? newer.time : time;
        boolean explicit = newer.time != null ? newer.explicitAmPm : explicitAmPm;
        DayPart p = newer.dayPart != null ? newer.dayPart : dayPart;
        if (newer.dayPart == null && newer.time != null && newer.explicitAmPm) {
            p = null; // an explicit new time supersedes an older vague day part
        }
        return new WhenPhrase(d, t, p, explicit);
    }
}
