package app.bella.booking;

import app.bella.support.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The practice's active services and providers, read at most {@code maxAge} ago. Every turn that books, offers or
 * names a service asks for them, and they change a few times a year: reading them each time was two of the
 * eleven statements a webhook sent to PostgreSQL. A change made through this instance's catalog API is seen at once
 * ({@link #changed()}), one made through another instance within {@code maxAge}. A provider withdrawn elsewhere
 * can thus still be given a booking for that long — as if it had been booked just before the change; the
 * database's exclusion constraint, not this list, keeps bookings from colliding.
 *
 * <p>A stale copy is read again on the caller's connection, never on a second one from the pool while the caller
 * holds one (a busy pool would leave the request waiting on itself); requests racing at expiry each read once.
 */
public final class Catalog {

    /** How long a read may be used: a short time, the catalog rarely changes. */
    public static final Duration MAX_AGE = Duration.ofSeconds(2);

    /** One read: the services (by id), the providers (in the practice's order), when it began, the generation seen. */
    private record Read(List<BookingService.ServiceType> services, List<Long> providers, long startedAt, long generation) {
    }

    private final long maxAgeNanos;
    private final AtomicLong generation = new AtomicLong();
    private volatile Read last;

    public Catalog(Duration maxAge) {
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The active services, oldest first, read on {@code c} when the last read is too old or outdated. */
    public List<BookingService.ServiceType> services(Connection c) throws SQLException {
        return read(c).services();
    }

    /** The active providers' ids in the practice's order. */
    public List<Long> providers(Connection c) throws SQLException {
        return read(c).providers();
    }

    /** The active service of that name (case aside), or the default one (the oldest) when the name is blank. */
    public Optional<BookingService.ServiceType> service(Connection c, String name) throws SQLException {
        List<BookingService.ServiceType> services = services(c);
        if (name == null || name.isBlank()) {
            return services.stream().findFirst();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return services.stream().filter(s -> s.name().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    /** The catalog changed (after its transaction committed): the next request reads it again. */
    public void changed() {
        generation.incrementAndGet();
    }

    private Read read(Connection c) throws SQLException {
        long seen = generation.get();
        Read r = last;
        if (r != null && r.generation() == seen && System.nanoTime() - r.startedAt() < maxAgeNanos) {
            return r;
        }
        long startedAt = System.nanoTime(); // before the read: its age counts from the oldest state it may show
        Read fresh = new Read(activeServices(c), activeProviders(c), startedAt, seen);
        last = fresh; // a change committed meanwhile bumped the generation: this read is not kept beyond this request
        return fresh;
    }

    private static List<BookingService.ServiceType> activeServices(Connection c) throws SQLException {
        List<BookingService.ServiceType> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("services-list"))) {
            ps.setObject(1, Boolean.TRUE);
            ps.setObject(2, Boolean.TRUE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new BookingService.ServiceType(rs.getLong("id"), rs.getString("name"),
                            rs.getInt("duration_minutes")));
                }
            }
        }
        return List.copyOf(out);
    }

    private static List<Long> activeProviders(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("providers-active")); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return List.copyOf(ids);
    }
}
