package app.bella.nlu;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Everything the parsers need to know about "here and now".
 *
 * @param now                the current instant (any zone; it is converted to {@code zone})
 * @param zone               the business' zone, in which spoken dates and times are interpreted
 * @param opens              opening time, used to infer am/pm and for "first thing"
 * @param closes             closing time (exclusive)
 * @param defaultCountryCode calling code assumed for numbers said without "+", e.g. "1"
 */
public record ParseContext(ZonedDateTime now, ZoneId zone, LocalTime opens, LocalTime closes,
                           String defaultCountryCode) {

    public ParseContext {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        Objects.requireNonNull(defaultCountryCode, "defaultCountryCode");
        if (!defaultCountryCode.matches("[1-9][0-9]{0,2}")) {
            throw new IllegalArgumentException("bad country code: " + defaultCountryCode);
        }
        now = now.withZoneSameInstant(zone);
    }

    /** Opens 09:00, closes 17:00, country code "1" (NANP). */
    public static ParseContext of(ZonedDateTime now, ZoneId zone) {
        return new ParseContext(now, zone, LocalTime.of(9, 0), LocalTime.of(17, 0), "1");
    }

    /** The local date of {@link #now()} in {@link #zone()}. */
    public LocalDate today() {
        return now.toLocalDate();
    }

    /** Whether {@code t} lies within [opens, closes). */
    public boolean withinHours(LocalTime t) {
        return !t.isBefore(opens) && t.isBefore(closes);
    }
}
