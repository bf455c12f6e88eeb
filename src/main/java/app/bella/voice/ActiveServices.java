package app.bella.voice;

import app.bella.booking.BookingService;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The services a new caller is offered, read at most {@code maxAge} ago: every call start lists them (the rest of a
 * call reads the catalog afresh), and they change a few times a year. A change made through this instance's catalog
 * API is seen at once ({@link #changed()}), one made through another instance within {@code maxAge}: a service
 * deleted more than {@code maxAge} ago is never offered.
 *
 * <p>A stale list is read again on the caller's connection, never on a second one from the pool while the caller holds
 * one (a busy pool would leave the request waiting on itself); a few call starts racing at expiry each read once.
 */
public final class ActiveServices {

    /** How long a call start may be offered the services it found: a short time, the catalog rarely changes. */
    public static final Duration MAX_AGE = Duration.ofSeconds(2);

    /** One read: the list, when the read began, and the catalog generation it saw. */
    private record Read(List<BookingService.ServiceType> services, long startedAt, long generation) {
    }

    private final BookingService bookings;
    private final long maxAgeNanos;
    private final AtomicLong generation = new AtomicLong();
    private volatile Read last;

    public ActiveServices(BookingService bookings, Duration maxAge) {
        this.bookings = bookings;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The active services in the practice's order, read on {@code c} when the last read is too old or outdated. */
    public List<BookingService.ServiceType> get(Connection c) throws SQLException {
        long seen = generation.get();
        Read r = last;
        if (r != null && r.generation() == seen && System.nanoTime() - r.startedAt() < maxAgeNanos) {
            return r.services();
        }
        long startedAt = System.nanoTime(); // before the read: its age counts from the oldest state it may show
        List<BookingService.ServiceType> services = List.copyOf(bookings.activeServices(c));
        // a change committed meanwhile bumped the generation: this read is not kept beyond this call
        last = new Read(services, startedAt, seen);
        return services;
    }

    /** The catalog changed (after its transaction committed): the next call start reads the services again. */
    public void changed() {
        generation.incrementAndGet();
    }
}
