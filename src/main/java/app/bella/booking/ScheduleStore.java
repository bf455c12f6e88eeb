package app.bella.booking;

import app.bella.support.Sql;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Opening hours and closures as rows in PostgreSQL ({@code practice_hours}, {@code closure}). */
public final class ScheduleStore {

    /** A closed date and, optionally, why. */
    public record Closure(LocalDate date, String reason) {
    }

    /** Copies the configured hours and closures into the database the first time any instance starts on it. */
    public boolean seedOnce(Connection c, OpeningHours hours, List<Closure> closures) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("schedule-seed-claim")); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return false;
            }
        }
        replaceHours(c, hours);
        replaceClosures(c, closures);
        return true;
    }

    public OpeningHours hours(Connection c) throws SQLException {
        Map<DayOfWeek, List<LocalTimeRange>> byDay = new EnumMap<>(DayOfWeek.class);
        try (PreparedStatement ps = c.prepareStatement(Sql.get("practice-hours")); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byDay.computeIfAbsent(DayOfWeek.of(rs.getInt(1)), d -> new ArrayList<>())
                        .add(new LocalTimeRange(rs.getTime(2).toLocalTime(), rs.getTime(3).toLocalTime()));
            }
        }
        return OpeningHours.of(byDay);
    }

    public List<Closure> closures(Connection c) throws SQLException {
        List<Closure> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("closures")); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Closure(rs.getDate(1).toLocalDate(), rs.getString(2)));
            }
        }
        return out;
    }

    public void replaceHours(Connection c, OpeningHours hours) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("practice-hours-delete"))) {
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(Sql.get("practice-hours-insert"))) {
            for (DayOfWeek day : DayOfWeek.values()) {
                for (LocalTimeRange range : hours.on(day)) {
                    ps.setInt(1, day.getValue());
                    ps.setTime(2, Time.valueOf(range.start()));
                    ps.setTime(3, Time.valueOf(range.end()));
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    public void replaceClosures(Connection c, List<Closure> closures) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("closures-delete"))) {
            ps.executeUpdate();
        }
        SortedMap<LocalDate, String> unique = new TreeMap<>();
        closures.forEach(x -> unique.put(x.date(), x.reason()));
        try (PreparedStatement ps = c.prepareStatement(Sql.get("closure-insert"))) {
            for (Map.Entry<LocalDate, String> e : unique.entrySet()) {
                ps.setDate(1, Date.valueOf(e.getKey()));
                ps.setString(2, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
