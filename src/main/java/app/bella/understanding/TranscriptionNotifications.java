package app.bella.understanding;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.camel.support.service.ServiceSupport;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on PostgreSQL's {@code transcription_settled} channel (sent by {@code transcription-finish.sql} in the same
 * statement that settles a job) and passes each settlement to {@link TranscriptionSignals}: a poll webhook that landed
 * on this instance learns at once that another instance's worker finished its turn. The listening connection is its
 * own, never one of the pool's; while the database is away it reconnects every few seconds (polls then fall back to
 * their bounded wait and one read). A Camel service: it listens while the context runs.
 */
public final class TranscriptionNotifications extends ServiceSupport {

    public static final String CHANNEL = "transcription_settled";
    private static final Logger LOG = LoggerFactory.getLogger(TranscriptionNotifications.class);
    private static final int WAIT_MILLIS = 500;
    private static final Duration RECONNECT_AFTER = Duration.ofSeconds(3);

    private final Callable<Connection> connect;
    private final TranscriptionSignals signals;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;

    public TranscriptionNotifications(Callable<Connection> connect, TranscriptionSignals signals) {
        this.connect = connect;
        this.signals = signals;
        this.thread = new Thread(this::listen, "bella-transcription-notifications");
        this.thread.setDaemon(true);
    }

    @Override
    protected void doStart() {
        thread.start();
    }

    private void listen() {
        while (!closed) {
            try (Connection c = connect.call(); Statement s = c.createStatement()) {
                connection = c;
                s.execute("LISTEN " + CHANNEL);
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] received = pg.getNotifications(WAIT_MILLIS);
                    if (received != null) {
                        for (PGNotification n : received) {
                            settle(n.getParameter());
                        }
                    }
                    signals.forgetOld();
                }
            } catch (Exception e) {
                if (!closed) {
                    LOG.warn("Transcription notifications unavailable, polls wait their full time: {}", e.toString());
                    sleep();
                }
            } finally {
                connection = null;
            }
        }
    }

    /** The payload is "CallSid turn". */
    private void settle(String payload) {
        int space = payload == null ? -1 : payload.lastIndexOf(' ');
        if (space <= 0) {
            return;
        }
        try {
            signals.settle(payload.substring(0, space), Integer.parseInt(payload.substring(space + 1)));
        } catch (NumberFormatException e) {
            LOG.debug("ignored notification payload");
        }
    }

    private void sleep() {
        try {
            Thread.sleep(RECONNECT_AFTER.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    protected void doStop() {
        closed = true;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // the listener thread ends anyway
            }
        }
        thread.interrupt();
    }
}
