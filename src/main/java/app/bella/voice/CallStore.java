package app.bella.voice;

import app.bella.events.OutboxWriter;
import app.bella.support.Sql;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Call sessions and their answered turns in PostgreSQL; the methods run in the caller's transaction (a call's start is
 * one statement, atomic on its own).
 */
public final class CallStore {

    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A stored session: its state plus the columns the API shows. */
    public record Session(CallState state, String status, String outcome, java.time.Instant createdAt) {
    }

    /** One answered turn: what the caller said and what Bella answered. */
    public record Turn(int turn, String said, String heard, String twiml) {
    }

    /** A turn's call as a webhook finds it: the session, and the TwiML of that turn if it was answered already. */
    public record TurnRead(Session session, String answered) {
    }

    /**
     * The call of turn {@code turn}, locked when {@code lock} (concurrent retries of one webhook queue up there), with
     * that turn's TwiML if a retried webhook finds it answered: one round trip.
     */
    public Optional<TurnRead> openTurn(Connection c, String callSid, int turn, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get(lock ? "call-turn-lock" : "call-turn-open"))) {
            ps.setInt(1, turn);
            ps.setString(2, callSid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new TurnRead(session(rs), rs.getString("answered"))) : Optional.empty();
            }
        }
    }

    /** Locks the session row (concurrent webhooks of one call queue up here). */
    public Optional<Session> lock(Connection c, String callSid) throws SQLException {
        return load(c, callSid, Sql.get("call-session-lock"));
    }

    public Optional<Session> find(Connection c, String callSid) throws SQLException {
        return load(c, callSid, Sql.get("call-session-find"));
    }

    /**
     * Writes a new call in one statement: its session as it stands (in progress, {@code test} for a test call), turn 0
     * answered with {@code heard} / {@code twiml}, and its {@code call.started} event. False when another request
     * created the call first: then nothing is written.
     */
    public boolean start(Connection c, CallState s, boolean test, String heard, String twiml, OutboxWriter.Row started)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("call-start-insert"))) {
            ps.setString(1, s.callSid);
            ps.setString(2, s.from);
            ps.setString(3, s.outcome);
            ps.setString(4, s.step.name());
            ps.setInt(5, s.turn);
            ps.setString(6, JSON.writeValueAsString(s));
            ps.setObject(7, s.appointmentId);
            ps.setBoolean(8, test);
            ps.setString(9, heard);
            ps.setString(10, twiml);
            started.bind(ps, 11);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean recordStatus(Connection c, String callSid, String status, String outcomeIfNone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("call-session-status"))) {
            ps.setString(1, status);
            ps.setString(2, outcomeIfNone);
            ps.setString(3, callSid);
            return ps.executeUpdate() == 1;
        }
    }

    public Optional<Turn> turn(Connection c, String callSid, int turn) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("call-turn-find"))) {
            ps.setString(1, callSid);
            ps.setInt(2, turn);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Turn(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                        : Optional.empty();
            }
        }
    }

    /**
     * An answered turn in one statement: the session as the turn leaves it ({@code status}), the turn with its TwiML and
     * what it says about understanding, and its events — {@code turnEvent}, then {@code endedEvent} when the call ends
     * here (else null) — in the caller's transaction.
     */
    public void saveTurn(Connection c, CallState s, String status, String said, String heard, String twiml,
                         app.bella.understanding.TurnQuality q, OutboxWriter.Row turnEvent, OutboxWriter.Row endedEvent,
                         app.bella.understanding.CostLedger.Entry cost)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("call-turn-save"))) {
            ps.setString(1, status);
            ps.setString(2, s.outcome);
            ps.setString(3, s.step.name());
            ps.setInt(4, s.turn);
            ps.setString(5, JSON.writeValueAsString(s));
            ps.setObject(6, s.appointmentId);
            ps.setString(7, s.callSid);
            ps.setString(8, s.callSid);
            ps.setInt(9, s.turn);
            ps.setString(10, said);
            ps.setString(11, heard);
            ps.setString(12, twiml);
            ps.setString(13, q.step());
            ps.setString(14, q.nextStep());
            ps.setString(15, q.engine());
            ps.setString(16, q.extractor());
            ps.setObject(17, q.confidence() == null ? null : q.confidence().floatValue(), java.sql.Types.REAL);
            ps.setString(18, q.expectedSlot());
            ps.setBoolean(19, q.understood());
            ps.setBoolean(20, q.reasked());
            ps.setBoolean(21, q.corrected());
            if (cost == null) {
                app.bella.understanding.CostLedger.Entry.bindNone(ps, 22);
                OutboxWriter.Row.bindNone(ps, 44);
            } else {
                cost.bind(ps, 22);
                cost.event().bind(ps, 44);
            }
            turnEvent.bind(ps, 32);
            if (endedEvent == null) {
                OutboxWriter.Row.bindNone(ps, 38);
            } else {
                endedEvent.bind(ps, 38);
            }
            ps.executeUpdate();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Turn> turns(Connection c, String callSid) throws SQLException {
        List<Turn> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("call-turns"))) {
            ps.setString(1, callSid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Turn(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return out;
    }

    /** Recent calls, newest first, optionally only from one number and/or since an instant. */
    public List<Session> recent(Connection c, String from, java.time.Instant since, int limit) throws SQLException {
        List<Session> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("call-sessions-recent"))) {
            ps.setString(1, from);
            ps.setString(2, from);
            ps.setTimestamp(3, since == null ? null : java.sql.Timestamp.from(since));
            ps.setTimestamp(4, since == null ? null : java.sql.Timestamp.from(since));
            ps.setInt(5, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(session(rs));
                }
            }
        }
        return out;
    }

    static void recordCallback(Connection c, String callSid, String phone, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("callback-request-insert"))) {
            ps.setString(1, callSid);
            ps.setString(2, phone);
            ps.setString(3, reason);
            ps.executeUpdate();
        }
    }

    private Optional<Session> load(Connection c, String callSid, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, callSid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(session(rs)) : Optional.empty();
            }
        }
    }

    private static Session session(ResultSet rs) throws SQLException {
        try {
            return new Session(JSON.readValue(rs.getString("state"), CallState.class), rs.getString("status"),
                    rs.getString("outcome"), rs.getTimestamp("created_at").toInstant());
        } catch (java.io.IOException e) {
            throw new SQLException("Unreadable call state", e);
        }
    }
}
