package app.bella.support;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The one wire format for instants: ISO-8601 with seconds and the practice's offset, e.g. 2025-10-09T14:00:00-06:00. */
public final class Times {

    private Times() {
    }

    public static String iso(ZonedDateTime t) {
        return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }

    public static String iso(Instant t, ZoneId zone) {
        return t == null ? null : iso(t.atZone(zone));
    }
}
