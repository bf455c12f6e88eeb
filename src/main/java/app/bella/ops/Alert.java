package app.bella.ops;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** One alert row: a condition (by fingerprint) and where it is in its lifecycle raised → acknowledged → resolved. */
public record Alert(long id, String fingerprint, String source, Severity severity, String title, String detail, String state,
                    int count, Instant firstSeen, Instant lastSeen, Instant acknowledgedAt, String acknowledgedBy,
                    Instant resolvedAt, String resolution, Instant firstNotifiedAt, Instant lastNotifiedAt, int suppressed,
                    int escalationLevel, boolean recoveryNotified) {

    public static final String RAISED = "raised";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String RESOLVED = "resolved";

    /** The columns every alert query selects, in this order. */
    static Alert from(ResultSet rs) throws SQLException {
        return new Alert(rs.getLong("id"), rs.getString("fingerprint"), rs.getString("source"),
                Severity.parse(rs.getString("severity")), rs.getString("title"), rs.getString("detail"),
                rs.getString("state"), rs.getInt("count"), instant(rs, "first_seen"), instant(rs, "last_seen"),
                instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"), instant(rs, "resolved_at"),
                rs.getString("resolution"), instant(rs, "first_notified_at"), instant(rs, "last_notified_at"),
                rs.getInt("suppressed"), rs.getInt("escalation_level"), rs.getBoolean("recovery_notified"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public boolean open() {
        return !RESOLVED.equals(state);
    }
}
