package app.bella.booking;

import java.time.ZonedDateTime;
import java.util.Objects;

/** A bookable appointment time, in the schedule's zone, with the provider who would take it. */
public record Slot(ZonedDateTime start, ZonedDateTime end, long providerId) {

    public Slot {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("slot must end after it starts: " + start + " .. " + end);
        }
    }

    public Interval interval() {
        return new Interval(start.toInstant(), end.toInstant());
    }
}
