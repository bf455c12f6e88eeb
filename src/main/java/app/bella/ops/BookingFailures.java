package app.bella.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Requests that failed inside Bella while a caller or a client was booking (a voice turn answered with the apology,
 * an API request answered 500), recorded by the routes' error handlers; the rule fires above a count per window.
 */
public final class BookingFailures implements AlertRule {

    private final Clock clock;
    private final Duration window;
    private final int maxFailures;
    private final Severity severity;
    private final Deque<Instant> failures = new ArrayDeque<>();

    public BookingFailures(Clock clock, Duration window, int maxFailures, Severity severity) {
        this.clock = clock;
        this.window = window;
        this.maxFailures = maxFailures;
        this.severity = severity;
    }

    /** Called from the error handlers of the voice and API routes. */
    public synchronized void record() {
        failures.addLast(clock.instant());
        while (failures.size() > 10_000) {
            failures.removeFirst();
        }
    }

    /** This instance's own state: it alone raises and resolves its alert (see AlertRules). */
    @Override
    public boolean perInstance() {
        return true;
    }

    @Override
    public String source() {
        return "booking-failures";
    }

    @Override
    public synchronized Result evaluate(Instant now) {
        Instant from = now.minus(window);
        while (!failures.isEmpty() && failures.peekFirst().isBefore(from)) {
            failures.removeFirst();
        }
        if (failures.size() <= maxFailures) {
            return Result.clear();
        }
        return Result.firing(List.of(Condition.of("booking-failures", severity, "Bookings failing inside Bella",
                failures.size() + " voice turns or API requests failed with an internal error in the last "
                        + window.toMinutes() + " min (limit " + maxFailures + "); callers heard an apology.")));
    }
}
