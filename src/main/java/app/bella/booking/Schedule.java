package app.bella.booking;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * The booking rules of one business: where it is, when it is open and how far ahead it books.
 *
 * @param zone          the business's time zone; opening hours are wall-clock times in it
 * @param hours         weekly opening ranges
 * @param closures      dates (in {@code zone}) the business is closed, e.g. holidays
 * @param slotMinutes   slot granularity, counted from the start of each opening range
 * @param minLeadTime   how soon after "now" the earliest bookable start may be
 * @param horizon       how far after "now" the latest bookable start may be
 * @param bufferMinutes gap required between two appointments of the same provider
 */
public record Schedule(ZoneId zone, OpeningHours hours, Set<LocalDate> closures, int slotMinutes,
                       Duration minLeadTime, Duration horizon, int bufferMinutes) {

    public static final int DEFAULT_SLOT_MINUTES = 15;
    public static final Duration DEFAULT_HORIZON = Duration.ofDays(90);

    public Schedule {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(hours, "hours");
        closures = Set.copyOf(Objects.requireNonNull(closures, "closures"));
        Objects.requireNonNull(minLeadTime, "minLeadTime");
        Objects.requireNonNull(horizon, "horizon");
        if (slotMinutes <= 0 || slotMinutes > 24 * 60) {
            throw new IllegalArgumentException("slotMinutes must be 1..1440, was " + slotMinutes);
        }
        if (minLeadTime.isNegative()) {
            throw new IllegalArgumentException("minLeadTime must not be negative: " + minLeadTime);
        }
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("horizon must be positive: " + horizon);
        }
        if (horizon.compareTo(minLeadTime) < 0) {
            throw new IllegalArgumentException("horizon " + horizon + " is shorter than minLeadTime " + minLeadTime);
        }
        if (bufferMinutes < 0) {
            throw new IllegalArgumentException("bufferMinutes must not be negative, was " + bufferMinutes);
        }
    }

    /** Mon-Fri 09:00-17:00, no closures, 15-minute slots, no lead time, 90-day horizon, no buffer. */
    public static Schedule defaults(ZoneId zone) {
        return new Schedule(zone, OpeningHours.parse("Mon-Fri 09:00-17:00"), Set.of(),
                DEFAULT_SLOT_MINUTES, Duration.ZERO, DEFAULT_HORIZON, 0);
    }

    public Schedule withHours(OpeningHours newHours) {
        return new Schedule(zone, newHours, closures, slotMinutes, minLeadTime, horizon, bufferMinutes);
    }

    public Schedule withClosures(Set<LocalDate> newClosures) {
        return new Schedule(zone, hours, newClosures, slotMinutes, minLeadTime, horizon, bufferMinutes);
    }

    public Schedule withSlotMinutes(int newSlotMinutes) {
        return new Schedule(zone, hours, closures, newSlotMinutes, minLeadTime, horizon, bufferMinutes);
    }

    public Schedule withMinLeadTime(Duration newMinLeadTime) {
        return new Schedule(zone, hours, closures, slotMinutes, newMinLeadTime, horizon, bufferMinutes);
    }

    public Schedule withHorizon(Duration newHorizon) {
        return new Schedule(zone, hours, closures, slotMinutes, minLeadTime, newHorizon, bufferMinutes);
    }

    public Schedule withBufferMinutes(int newBufferMinutes) {
        return new Schedule(zone, hours, closures, slotMinutes, minLeadTime, horizon, newBufferMinutes);
    }

    /** True when the business does not open at all on that date (holiday or no hours that weekday). */
    public boolean isClosedOn(LocalDate date) {
        return closures.contains(date) || !hours.isOpenOn(date.getDayOfWeek());
    }
}
