package app.bella.ops;

import app.bella.support.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** Unpublished outbox rows above a count, or the oldest older than a limit: Kafka is unreachable or refuses a row. */
public final class OutboxRule implements AlertRule {

    private final DataSource dataSource;
    private final long maxBacklog;
    private final long maxAgeSeconds;
    private final Severity severity;

    public OutboxRule(DataSource dataSource, long maxBacklog, long maxAgeSeconds, Severity severity) {
        this.dataSource = dataSource;
        this.maxBacklog = maxBacklog;
        this.maxAgeSeconds = maxAgeSeconds;
        this.severity = severity;
    }

    @Override
    public String source() {
        return "outbox";
    }

    @Override
    public Result evaluate(Instant now) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(Sql.get("outbox-backlog"));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return judge(rs.getLong("backlog"), (long) rs.getDouble("oldest_age_seconds"));
        }
    }

    Result judge(long backlog, long oldestAgeSeconds) {
        if (backlog <= maxBacklog && oldestAgeSeconds <= maxAgeSeconds) {
            return Result.clear();
        }
        return Result.firing(List.of(Condition.of("outbox-backlog", severity, "Outbox not draining to Kafka",
                backlog + " events unpublished, the oldest " + oldestAgeSeconds + " s old (limits " + maxBacklog
                        + " events, " + maxAgeSeconds + " s): Kafka is unreachable or refuses a record.")));
    }
}
