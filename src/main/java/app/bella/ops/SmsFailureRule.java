package app.bella.ops;

import app.bella.support.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** Customer SMS that failed for good (after the retries) within a window: Twilio refuses or is unreachable. */
public final class SmsFailureRule implements AlertRule {

    private final DataSource dataSource;
    private final Duration window;
    private final long maxFailures;
    private final Severity severity;

    public SmsFailureRule(DataSource dataSource, Duration window, long maxFailures, Severity severity) {
        this.dataSource = dataSource;
        this.window = window;
        this.maxFailures = maxFailures;
        this.severity = severity;
    }

    @Override
    public String source() {
        return "sms-delivery";
    }

    @Override
    public Result evaluate(Instant now) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(Sql.get("notification-failures-recent"))) {
            ps.setTimestamp(1, Timestamp.from(now.minus(window)));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return judge(rs.getLong(1));
            }
        }
    }

    Result judge(long failures) {
        if (failures <= maxFailures) {
            return Result.clear();
        }
        return Result.firing(List.of(Condition.of("sms-delivery-failures", severity, "Customer SMS failing",
                failures + " confirmation/reminder SMS failed after retries in the last " + window.toMinutes()
                        + " min (limit " + maxFailures + "); see the notification table for the errors.")));
    }
}
