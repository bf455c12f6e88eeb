package app.bella.ops;

import app.bella.events.EventType;
import app.bella.events.OutboxWriter;
import app.bella.support.Sql;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Business metrics for operators and downstream systems: calls and their success in the last hour, bookings today,
 * upcoming appointments, this month's spend. Published as {@code metric.snapshot} events once per period across all
 * instances (the instance that claims the period publishes), and shown as gauges on /observe/metrics.
 */
public final class BusinessMetrics {

    private final DataSource dataSource;
    private final OutboxWriter events;
    private final Clock clock;
    private final ZoneId zone;
    private final Duration period;
    private final Map<String, Double> latest = new ConcurrentHashMap<>();

    public BusinessMetrics(DataSource dataSource, OutboxWriter events, Clock clock, ZoneId zone, Duration period) {
        this.dataSource = dataSource;
        this.events = events;
        this.clock = clock;
        this.zone = zone;
        this.period = period;
    }

    /** Gauges reading the latest snapshot (registered once, when the registry exists). */
    public void register(MeterRegistry registry) {
        for (String metric : new String[] {"calls.last.hour", "calls.success.percent", "bookings.today", "appointments.upcoming",
                "spend.month.usd"}) {
            Gauge.builder("bella." + metric, latest, values -> values.getOrDefault(metric, Double.NaN)).register(registry);
        }
    }

    /** Reads the metrics; publishes them when this instance claims the current period. Returns whether it published. */
    public boolean snapshot() throws SQLException {
        Instant now = clock.instant();
        Map<String, Double> values = read(now);
        latest.putAll(values);
        long bucket = now.toEpochMilli() / period.toMillis() * period.toMillis();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement claim = c.prepareStatement(Sql.get("metric-snapshot-claim"))) {
                claim.setTimestamp(1, new Timestamp(bucket));
                if (claim.executeUpdate() == 0) {
                    c.rollback();
                    return false; // another instance published this period
                }
            }
            for (Map.Entry<String, Double> e : values.entrySet()) {
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("metric", e.getKey());
                payload.put("value", e.getValue());
                payload.put("labels", Map.of("period", Instant.ofEpochMilli(bucket).toString()));
                events.append(c, EventType.METRIC_SNAPSHOT, e.getKey(), payload);
            }
            c.commit();
            return true;
        }
    }

    private Map<String, Double> read(Instant now) throws SQLException {
        ZonedDateTime local = now.atZone(zone);
        Timestamp nowTs = Timestamp.from(now);
        Timestamp today = Timestamp.from(local.toLocalDate().atStartOfDay(zone).toInstant());
        Timestamp month = Timestamp.from(local.toLocalDate().withDayOfMonth(1).atStartOfDay(zone).toInstant());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(Sql.get("business-metrics"))) {
            ps.setTimestamp(1, nowTs);
            ps.setTimestamp(2, nowTs);
            ps.setTimestamp(3, today);
            ps.setTimestamp(4, nowTs);
            ps.setTimestamp(5, month);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Map<String, Double> values = new LinkedHashMap<>();
                long calls = rs.getLong("calls_last_hour");
                values.put("calls.last.hour", (double) calls);
                if (calls > 0) {
                    values.put("calls.success.percent", 100.0 * rs.getLong("calls_succeeded_last_hour") / calls);
                }
                values.put("bookings.today", (double) rs.getLong("bookings_today"));
                values.put("appointments.upcoming", (double) rs.getLong("upcoming_appointments"));
                values.put("spend.month.usd", rs.getBigDecimal("spend_month_usd").doubleValue());
                return values;
            }
        }
    }
}
