package app.bella.booking;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The verdict on a wished appointment start: {@link Status#OK} with the provider who takes it,
 * or the first reason it cannot be booked (checked in the order the constants are declared).
 */
public record SlotCheck(Status status, OptionalLong providerId) {

    public enum Status {
        OK,
        /** Starts before now. */
        IN_PAST,
        /** Starts after now but inside the schedule's minimum lead time. */
        TOO_SOON,
        /** Starts after now + horizon. */
        BEYOND_HORIZON,
        /** A closure date, or no opening hours on that weekday. */
        CLOSED_DAY,
        /** Open that day, but the appointment does not fit entirely within one opening range. */
        OUTSIDE_HOURS,
        /** Every provider is busy at that time (buffers included), or no provider was given. */
        TAKEN
    }

    public SlotCheck {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(providerId, "providerId");
        if ((status == Status.OK) != providerId.isPresent()) {
            throw new IllegalArgumentException("a provider is given exactly when the status is OK");
        }
    }

    public static SlotCheck ok(long providerId) {
        return new SlotCheck(Status.OK, OptionalLong.of(providerId));
    }

    public static SlotCheck rejected(Status status) {
        return new SlotCheck(status, OptionalLong.empty());
    }

    public boolean isOk() {
        return status == Status.OK;
    }
}
