package app.bella.booking;

import java.util.Objects;

/** A time during which one provider (staff member, room, ...) is already booked. */
public record Busy(long providerId, Interval interval) {

    public Busy {
        Objects.requireNonNull(interval, "interval");
    }
}
