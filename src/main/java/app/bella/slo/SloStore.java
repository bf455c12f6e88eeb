package app.bella.slo;

import app.bella.support.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/** Good and total events per SLO and minute in PostgreSQL, shared by every instance and kept across restarts. */
public final class SloStore {

    /** Events of a window. */
    public record Count(long good, long total) {

        public double badRatio() {
            return total == 0 ? 0.0 : (double) (total - good) / total;
        }

        public Double ratio() {
            return total == 0 ? null : (double) good / total;
        }
    }

    private final DataSource dataSource;

    public SloStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public void add(String slo, Instant at, long good, long total) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(Sql.get("slo-minute-add"))) {
            ps.setString(1, slo);
            ps.setObject(2, minute(at));
            ps.setLong(3, good);
            ps.setLong(4, total);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record a service-level event: " + e.getMessage(), e);
        }
    }

    /** Availability: a ready instance answered in this minute. */
    public void up(Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(Sql.get("slo-minute-up"))) {
            ps.setObject(1, minute(at));
            ps.executeUpdate();
        }
    }

    public Count window(String slo, Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(Sql.get("slo-window"))) {
            ps.setString(1, slo);
            ps.setObject(2, ts(from));
            ps.setObject(3, ts(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Count(rs.getLong(1), rs.getLong(2));
            }
        }
    }

    /**
     * Availability of a window: minutes up over minutes elapsed since the first heartbeat ever (a minute nobody
     * answered in has no row and counts as down); the current, unfinished minute is left out.
     */
    public Count availability(Instant from, Instant to) throws SQLException {
        Instant first;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(Sql.get("slo-first-minute"));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            OffsetDateTime t = rs.getObject(1, OffsetDateTime.class);
            if (t == null) {
                return new Count(0, 0);
            }
            first = t.toInstant();
        }
        Instant start = from.isAfter(first) ? from : first;
        Instant end = to.truncatedTo(ChronoUnit.MINUTES);
        long minutes = Math.max(0, ChronoUnit.MINUTES.between(start.truncatedTo(ChronoUnit.MINUTES), end));
        long up = Math.min(minutes, window("availability", start, end).good());
        return new Count(up, minutes);
    }

    static OffsetDateTime minute(Instant at) {
        return ts(at.truncatedTo(ChronoUnit.MINUTES));
    }

    static OffsetDateTime ts(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
