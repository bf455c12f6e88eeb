package app.bella.events;

import app.bella.support.Sql;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox on /observe/metrics: {@code bella_outbox_backlog} (unpublished rows), {@code
 * bella_outbox_oldest_age_seconds} (age of the oldest unpublished event: alert when it grows), and this instance's
 * {@code bella_outbox_published_total} / {@code bella_outbox_publish_failures_total}. Both gauges come from one
 * query, run at most once a second however often they are scraped.
 */
public final class OutboxMetrics implements MeterBinder {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxMetrics.class);
    private static final long CACHE_NANOS = Duration.ofSeconds(1).toNanos();

    private final DataSource dataSource;
    private final OutboxRelay relay;
    private final String backlogSql = Sql.get("outbox-backlog");
    private long readAtNanos;
    private boolean read;
    private double backlog = Double.NaN;
    private double oldestAgeSeconds = Double.NaN;

    public OutboxMetrics(DataSource dataSource, OutboxRelay relay) {
        this.dataSource = dataSource;
        this.relay = relay;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("bella.outbox.backlog", this, m -> m.refresh().backlog)
                .description("Outbox events not yet published to Kafka").register(registry);
        Gauge.builder("bella.outbox.oldest.age.seconds", this, m -> m.refresh().oldestAgeSeconds)
                .description("Age of the oldest outbox event not yet published (0 when none)").register(registry);
        FunctionCounter.builder("bella.outbox.published", relay, OutboxRelay::publishedCount)
                .description("Outbox events this instance published to Kafka").register(registry);
        FunctionCounter.builder("bella.outbox.publish.failures", relay, OutboxRelay::failedCount)
                .description("Outbox events Kafka did not acknowledge (they are retried)").register(registry);
    }

    private synchronized OutboxMetrics refresh() {
        long now = System.nanoTime();
        if (read && now - readAtNanos < CACHE_NANOS) {
            return this;
        }
        read = true;
        readAtNanos = now;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(backlogSql)) {
            s.setQueryTimeout(2);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                backlog = rs.getLong("backlog");
                oldestAgeSeconds = rs.getDouble("oldest_age_seconds");
            }
        } catch (Exception e) {
            LOG.debug("Outbox metrics unavailable: {}", e.toString());
            backlog = Double.NaN; // unknown rather than a reassuring stale number
            oldestAgeSeconds = Double.NaN;
        }
        return this;
    }
}
