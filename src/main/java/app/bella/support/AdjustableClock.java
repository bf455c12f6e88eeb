package app.bella.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bella's injectable clock: real (or frozen, {@code bella.clock}) time plus an offset that tests and demos move.
 * Bound in the registry as {@code clock} and shared by every bean (bookings, reminders, alert escalation), so moving
 * it moves "now" everywhere at once.
 */
public final class AdjustableClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset;

    public AdjustableClock(Clock base) {
        this(base, new AtomicReference<>(Duration.ZERO));
    }

    private AdjustableClock(Clock base, AtomicReference<Duration> offset) {
        this.base = Objects.requireNonNull(base, "base");
        this.offset = offset;
    }

    /** Puts "now" at an instant (tests and demos); later it moves on as the base clock does. */
    public void set(Instant instant) {
        offset.set(Duration.between(base.instant(), Objects.requireNonNull(instant, "instant")));
    }

    /** Moves "now" forward (tests and demos); never backwards. */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("The clock only moves forward");
        }
        offset.accumulateAndGet(by, Duration::plus);
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new AdjustableClock(base.withZone(zone), offset); // same offset: advancing one advances both
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public String toString() {
        Duration d = offset.get();
        return d.isZero() ? base.toString() : base + " + " + d;
    }
}
