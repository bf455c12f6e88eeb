package app.bella.booking;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedule with its opening hours and closures read from PostgreSQL (seeded from the configuration the first
 * time), the rest (zone, slot size, lead time, horizon, buffer) from the configuration. Cached for a few seconds:
 * a change made through this instance's API is seen at once, one made through another instance within the
 * refresh interval. While the database cannot be read, the last known schedule (at first: the configured one) is used.
 *
 * <p>Reading the schedule never touches the database: it is asked for inside other transactions (a turn's booking, an
 * API read), and a reload there would hold two pooled connections at once — under load, the pool waits for itself. A
 * stale copy is reloaded on a thread of its own while the caller goes on with it; {@link #load} reloads at once and
 * is called with no connection held (at start, and after this instance changed hours or closures).
 */
public final class DatabaseSchedule implements ScheduleProvider {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseSchedule.class);

    private final DataSource dataSource;
    private final ScheduleStore store;
    private final Schedule configured;
    private final List<ScheduleStore.Closure> configuredClosures;
    private final Set<LocalDate> holidays;
    private final long refreshNanos;
    private volatile Schedule cached;
    private volatile long loadedAt;
    private volatile boolean loaded;
    private boolean seeded;
    private final AtomicBoolean reloading = new AtomicBoolean();
    /** One daemon thread for every schedule's background reload: a few small reads a minute. */
    private static final Executor RELOADER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bella-schedule-reload");
        t.setDaemon(true);
        return t;
    });

    public DatabaseSchedule(DataSource dataSource, ScheduleStore store, Schedule configured, Duration refresh) {
        this(dataSource, store, configured, refresh, Set.of());
    }

    /** {@code holidays}: dates the practice is always closed on (its named holidays), on top of the stored closures. */
    public DatabaseSchedule(DataSource dataSource, ScheduleStore store, Schedule configured, Duration refresh,
                            Set<LocalDate> holidays) {
        this.dataSource = dataSource;
        this.store = store;
        this.configured = configured;
        this.configuredClosures = configured.closures().stream().sorted().map(d -> new ScheduleStore.Closure(d, null)).toList();
        this.holidays = Set.copyOf(holidays);
        this.refreshNanos = refresh.toNanos();
        Set<LocalDate> closed = new HashSet<>(configured.closures());
        closed.addAll(this.holidays);
        this.cached = configured.withClosures(closed);
    }

    @Override
    public Schedule current() {
        if ((!loaded || System.nanoTime() - loadedAt > refreshNanos) && reloading.compareAndSet(false, true)) {
            RELOADER.execute(() -> {
                try {
                    if (!loaded || System.nanoTime() - loadedAt > refreshNanos) {
                        load();
                    }
                } finally {
                    reloading.set(false);
                }
            });
        }
        return cached;
    }

    /** Reads the hours and closures now; the caller must hold no connection of the pool. */
    public synchronized void load() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            if (!seeded) {
                if (store.seedOnce(c, configured.hours(), configuredClosures)) {
                    LOG.info("Opening hours and closures copied from the configuration into the database");
                }
                seeded = true;
            }
            OpeningHours hours = store.hours(c);
            Set<LocalDate> closed = new HashSet<>();
            store.closures(c).forEach(x -> closed.add(x.date()));
            closed.addAll(holidays);
            c.commit();
            cached = configured.withHours(hours).withClosures(closed);
            loadedAt = System.nanoTime();
            loaded = true;
        } catch (SQLException e) {
            LOG.warn("Could not read opening hours from the database, using the last known ones: {}", e.toString());
            loadedAt = System.nanoTime(); // retry after the refresh interval, not on every request
            loaded = true;
        }
    }
}
