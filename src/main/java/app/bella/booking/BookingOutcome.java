package app.bella.booking;

import java.util.List;

/** The answer to a booking or move: done, or refused with the reason and the nearest free alternatives. */
public sealed interface BookingOutcome {

    record Booked(Appointment appointment) implements BookingOutcome {
    }

    record Refused(SlotCheck.Status reason, List<Slot> alternatives) implements BookingOutcome {
    }
}
