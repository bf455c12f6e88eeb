package app.bella.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * A guard in front of a connection pool: a thread that holds one of its connections must not ask it for another.
 * Twenty webhooks that each hold one of twenty connections while they wait for a second empty the pool for good —
 * every one of them waits its timeout out — which was the 24 calls/s cliff of docs/performance.md. When a thread asks
 * while the connection it was last handed is still open, the guard logs the asking code once per call site or, when
 * strict (the test suite), refuses with an {@link IllegalStateException} naming it.
 *
 * <p>Several guards of one pool (the pool itself and a data source built on it) share one tracker: {@link #alsoOver}.
 */
public final class OneConnectionPerThread extends PoolFront {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(OneConnectionPerThread.class);

    private final String poolName;
    private final boolean strict;
    private final ThreadLocal<Connection> held;
    private final Set<String> reported;

    public OneConnectionPerThread(DataSource delegate, String poolName, boolean strict) {
        this(delegate, poolName, strict, new ThreadLocal<>(), ConcurrentHashMap.newKeySet());
    }

    private OneConnectionPerThread(DataSource delegate, String poolName, boolean strict, ThreadLocal<Connection> held,
                                   Set<String> reported) {
        super(delegate);
        this.poolName = poolName;
        this.strict = strict;
        this.held = held;
        this.reported = reported;
    }

    /** A guard over another data source that draws on the same pool, sharing this guard's record of who holds what. */
    public OneConnectionPerThread alsoOver(DataSource samePool) {
        return new OneConnectionPerThread(samePool, poolName, strict, held, reported);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection last = held.get();
        if (last != null && !last.isClosed()) {
            secondConnection();
        }
        Connection c = pooled.getConnection();
        held.set(c);
        return c;
    }

    private void secondConnection() {
        IllegalStateException e = new IllegalStateException("this thread asked pool " + poolName
                + " for a second connection while it holds one (it would wait for itself once the pool is busy)");
        if (strict) {
            throw e;
        }
        StackTraceElement site = callSite(e.getStackTrace());
        if (reported.add(String.valueOf(site))) {
            LOG.error("{}; asked at {}", e.getMessage(), site, e);
        }
    }

    /** The first frame outside this class: the code that asked. */
    private static StackTraceElement callSite(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (!frame.getClassName().equals(OneConnectionPerThread.class.getName())) {
                return frame;
            }
        }
        return stack.length > 0 ? stack[0] : null;
    }
}
