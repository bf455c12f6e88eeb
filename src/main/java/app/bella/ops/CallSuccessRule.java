package app.bella.ops;

import app.bella.support.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Share of finished calls in the window (default the last hour) that ended booked, rescheduled, cancelled or
 * completed; below the target (default 95 %) with at least the minimum volume (default 20 calls) it fires.
 */
public final class CallSuccessRule implements AlertRule {

    private final DataSource dataSource;
    private final Duration window;
    private final int minimumCalls;
    private final double targetPercent;
    private final Severity severity;

    public CallSuccessRule(DataSource dataSource, Duration window, int minimumCalls, double targetPercent, Severity severity) {
        this.dataSource = dataSource;
        this.window = window;
        this.minimumCalls = minimumCalls;
        this.targetPercent = targetPercent;
        this.severity = severity;
    }

    @Override
    public String source() {
        return "call-success-rate";
    }

    @Override
    public Result evaluate(Instant now) throws Exception {
        long total;
        long succeeded;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(Sql.get("alerts-call-success"))) {
            ps.setInt(1, (int) window.toMinutes());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong("total");
                succeeded = rs.getLong("succeeded");
            }
        }
        return judge(total, succeeded);
    }

    Result judge(long total, long succeeded) {
        if (total < minimumCalls) {
            return Result.unknown(); // too few calls to judge: an open alert stays until the volume is back
        }
        double percent = 100.0 * succeeded / total;
        if (percent >= targetPercent) {
            return Result.clear();
        }
        return Result.firing(List.of(Condition.of("call-success-rate", severity,
                String.format(java.util.Locale.ROOT, "Call success rate %.1f%% below %.0f%%", percent, targetPercent),
                String.format(java.util.Locale.ROOT, "%d of %d calls in the last %d minutes ended booked, rescheduled, "
                        + "cancelled or completed (target %.0f%%).", succeeded, total, window.toMinutes(), targetPercent))));
    }
}
