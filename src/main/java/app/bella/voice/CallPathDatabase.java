package app.bella.voice;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections of the call path (Twilio's webhooks, their costs, the callback journal's replay): the shared pool,
 * asked with a short wait of its own and behind the circuit breaker {@code database-breaker}. While PostgreSQL is
 * unreachable a webhook learns it within the short wait, and once the breaker has opened at once, instead of the pool's
 * 5 s wait per turn. Only failures to reach the database count: a pool that is merely busy (every connection in use)
 * is waited for as long as anything else waits for it, and SQL errors of a turn's own work never open the breaker.
 *
 * <p>The breaker sits here rather than as a {@code circuitBreaker} EIP in the voice routes because a webhook's database
 * work is spread over several steps and beans (costs, the call flow, transcriptions, after-route work), and an EIP
 * would count every exception of the steps it wraps (a dialogue bug would tell callers the system is down).
 */
public final class CallPathDatabase extends app.bella.support.PoolFront {

    private static final Logger LOG = LoggerFactory.getLogger(CallPathDatabase.class);
    public static final String BREAKER = "database-breaker";

    /** The shared pool as the call path needs it: a connection within a wait of its own, and whether it has any. */
    public interface Pool {
        Connection connection(long waitMillis) throws SQLException;

        /** The pool holds no connection at all: it cannot make one. */
        boolean empty();

        /** Every connection is in use. */
        boolean busy();
    }

    /** How fast the call path gives up: the short wait, failures in a row that open the breaker, how long it stays open. */
    public record Settings(Duration connectionWait, int failuresToOpen, Duration openFor) {
    }

    private final Pool pool;
    private final long waitMillis;
    private final CircuitBreaker breaker;

    public CallPathDatabase(DataSource pooled, Pool pool, Settings settings) {
        super(pooled);
        this.pool = pool;
        this.waitMillis = settings.connectionWait().toMillis();
        int failures = Math.max(1, settings.failuresToOpen());
        this.breaker = CircuitBreaker.of(BREAKER, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(failures)
                .minimumNumberOfCalls(failures)
                .failureRateThreshold(100) // that many failures in a row: one success among them keeps it closed
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(1) // one request tries the database, the others still fail fast
                .build());
        breaker.getEventPublisher().onStateTransition(e -> {
            switch (e.getStateTransition().getToState()) {
                case OPEN -> LOG.warn("{} open: the call path answers with the callback message for {} ms", BREAKER,
                        settings.openFor().toMillis());
                case CLOSED -> LOG.info("{} closed: the database answers the call path again", BREAKER);
                default -> LOG.debug("{} {}", BREAKER, e.getStateTransition());
            }
        });
    }

    /** The breaker, for its metrics. */
    public CircuitBreaker breaker() {
        return breaker;
    }

    /** The breaker is open (or half-open and already trying): the call path should not expect the database. */
    public boolean open() {
        return breaker.getState() == CircuitBreaker.State.OPEN || breaker.getState() == CircuitBreaker.State.FORCED_OPEN;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (!breaker.tryAcquirePermission()) {
            throw new DatabaseUnavailableException(BREAKER + " is open", null);
        }
        long start = System.nanoTime();
        // asked before the wait too: asked only after it, a connection handed back meanwhile made a busy pool look
        // idle, and one such moment under load opened the breaker (every caller of the next 2 s to the callback journal)
        boolean busyBefore = pool.busy();
        try {
            Connection c = pool.connection(waitMillis);
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return c;
        } catch (SQLException e) {
            // the pool's timeout names its last failure to connect as cause; else an idle pool that gave nothing
            if (unreachable(e) || pool.empty() || (!busyBefore && !pool.busy())) {
                breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
                throw new DatabaseUnavailableException("no database connection within " + waitMillis + " ms", e);
            }
            breaker.releasePermission(); // the database answers; the pool is busy: wait for it like everything else
        } catch (RuntimeException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            throw e;
        }
        return pooled.getConnection();
    }

    /**
     * Whether a failure means PostgreSQL cannot be reached (connection refused or lost, shutting down, starting up),
     * anywhere in the exception's causes; errors of the SQL itself do not.
     */
    public static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseUnavailableException || t instanceof ConnectException
                    || t instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }
}
