package app.bella.nlu;

import java.time.LocalTime;
import java.time.ZonedDateTime;

/**
 * Turns a {@link WhenPhrase} into a concrete start in the business' zone.
 *
 * <p>Returns null unless both a date and a time are known, or when the result lies in the past.
 * Local date-times are mapped with {@link ZonedDateTime#of} semantics: a time inside a DST gap
 * moves forward by the gap's length (02:30 on a spring-forward day becomes 03:30), an ambiguous
 * time in an overlap takes the earlier (summer) offset. No default time is assumed for a bare day
 * part ("Friday afternoon" resolves to null; the dialogue should ask for a time). A time without
 * explicit am/pm is moved to the afternoon when the phrase's day part is AFTERNOON or EVENING
 * (merged answers such as "Friday evening" + "at 7"). Stateless and thread-safe.
 */
public final class DateTimeResolver {

    public ZonedDateTime resolve(WhenPhrase when, ParseContext ctx) {
        if (when == null || when.date() == null || when.time() == null) {
            return null;
        }
        LocalTime t = when.time();
        if (!when.explicitAmPm() && t.getHour() >= 1 && t.getHour() < 12
                && (when.dayPart() == DayPart.AFTERNOON || when.dayPart() == DayPart.EVENING)) {
            t = t.plusHours(12);
        }
        ZonedDateTime start = ZonedDateTime.of(when.date(), t, ctx.zone());
        if (start.toInstant().isBefore(ctx.now().toInstant())) {
            return null;
        }
        return start;
    }

    /**
     * As {@link #resolve}, but a time said without a day means its next occurrence: today if still ahead, else
     * tomorrow. Never when a day was said that is a range or could not be resolved ("next week at 3",
     * "yesterday at 3"): then null, and the caller is asked for the day.
     */
    public ZonedDateTime resolveNext(WhenPhrase when, ParseContext ctx) {
        if (when != null && (when.hasRange() || when.isUnresolved())) {
            return null;
        }
        if (when != null && when.date() == null && when.time() != null) {
            ZonedDateTime today = ZonedDateTime.of(ctx.today(), when.time(), ctx.zone());
            boolean ahead = today.toInstant().isAfter(ctx.now().toInstant());
            return resolve(when.withDate(ahead ? ctx.today() : ctx.today().plusDays(1)), ctx);
        }
        return resolve(when, ctx);
    }
}
