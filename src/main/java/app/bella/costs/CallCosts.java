package app.bella.costs;

import app.bella.support.Sql;
import app.bella.understanding.CostLedger;
import app.bella.voice.TwilioWebhookGuard;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Twilio side of the cost ledger, called by one step in the Twilio webhook routes (before the call flow, which it
 * never changes): the incoming call may be flagged as a test, the status callback bills the voice legs and reports the
 * call's end to the service levels, and the message status callback bills SMS segments. A failure here is logged and
 * never reaches Twilio's answer. (A {@code <Gather>} answer's speech blocks are billed by the call flow, in the turn's
 * own transaction.)
 */
public final class CallCosts {

    private static final Logger LOG = LoggerFactory.getLogger(CallCosts.class);
    private static final Set<String> TERMINAL = Set.of("completed", "busy", "no-answer", "canceled", "failed");

    private final DataSource dataSource;
    private final CostLedger ledger;
    private final Set<String> testNumbers;
    private final Consumer<CallEnd> ends;
    private final Clock clock;

    /** How a call ended, for the service levels: outcome after the status callback, and whether it was a test. */
    public record CallEnd(String callSid, String outcome, boolean test) {
    }

    public CallCosts(DataSource dataSource, CostLedger ledger, Set<String> testNumbers, Consumer<CallEnd> ends, Clock clock) {
        this.clock = clock;
        this.dataSource = dataSource;
        this.ledger = ledger;
        this.testNumbers = Set.copyOf(testNumbers);
        this.ends = ends;
    }

    /**
     * POST /twilio/voice: a call from one of the configured test numbers is flagged (is_test) once its session exists
     * and left out of reports. (Calls from the console and `bella call` carry a signed marker that CallFlow sets.)
     */
    public void incoming(Exchange exchange) {
        Map<String, String> p = TwilioWebhookGuard.params(exchange);
        String callSid = p.get("CallSid");
        boolean test = p.get("From") != null && testNumbers.contains(p.get("From").strip());
        if (callSid == null || !test) {
            return;
        }
        afterRoute(exchange, () -> update("call-session-mark-test", callSid));
    }

    /**
     * POST /twilio/status: after the call flow recorded the end, the caller's leg is billed per started minute of
     * CallDuration; a transferred call adds the outbound leg from the transfer to the end.
     */
    public void status(Exchange exchange) {
        Map<String, String> p = TwilioWebhookGuard.params(exchange);
        String callSid = p.get("CallSid");
        String status = p.getOrDefault("CallStatus", "completed");
        Integer duration = number(p.get("CallDuration"));
        if (callSid == null || !TERMINAL.contains(status)) {
            return;
        }
        afterRoute(exchange, () -> {
            Session s = session(callSid, duration);
            if (s == null) {
                return;
            }
            if (duration != null) {
                ledger.voiceLeg(callSid, 1, duration);
                if ("transferred".equals(s.outcome()) && s.secondsBeforeLastTurn() != null) {
                    ledger.voiceLeg(callSid, 2, duration - s.secondsBeforeLastTurn());
                }
            }
            if (s.firstEnd() && s.outcome() != null) {
                ends.accept(new CallEnd(callSid, s.outcome(), s.test()));
            }
        });
    }

    /**
     * POST /twilio/sms/status: Twilio's message status callback. The first "sent" (or later) status bills the
     * message's segments (NumSegments when Twilio sends it, else 1) against the appointment's call.
     */
    public void smsStatus(Exchange exchange) {
        Map<String, String> p = TwilioWebhookGuard.params(exchange);
        String sid = p.getOrDefault("MessageSid", p.get("SmsSid"));
        String status = p.getOrDefault("MessageStatus", p.getOrDefault("SmsStatus", "")).toLowerCase(Locale.ROOT);
        if (sid == null || !Set.of("sent", "delivered", "undelivered", "read").contains(status)) {
            return;
        }
        int segments = number(p.get("NumSegments")) == null ? 1 : number(p.get("NumSegments"));
        String callSid = null;
        Long appointmentId = null;
        String purpose = "other";
        try {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement(Sql.get("cost-sms-notification"))) {
                ps.setString(1, sid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        purpose = rs.getString(1);
                        appointmentId = rs.getLong(2);
                        callSid = rs.getString(3);
                    }
                }
            }
            // the ledger takes a connection of its own: only once this one is back
            ledger.sms(callSid, appointmentId, sid, segments, purpose);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("could not record the SMS cost: {}", e.toString());
        }
    }

    /** An SMS received from a customer (inbound segments are billed too). */
    public void smsReceived(Exchange exchange) {
        Map<String, String> p = TwilioWebhookGuard.params(exchange);
        String sid = p.get("MessageSid");
        if (sid == null) {
            return;
        }
        Integer segments = number(p.get("NumSegments"));
        try {
            ledger.sms(null, null, sid, segments == null ? 1 : segments, "inbound");
        } catch (RuntimeException e) {
            LOG.warn("could not record the SMS cost: {}", e.toString());
        }
    }

    private record Session(String outcome, boolean test, Integer secondsBeforeLastTurn, boolean firstEnd) {
    }

    private Session session(String callSid, Integer duration) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(Sql.get("call-session-end"))) {
            ps.setString(1, callSid);
            ps.setObject(2, duration);
            ps.setObject(3, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Session(rs.getString(1), rs.getBoolean(2), (Integer) rs.getObject(3), rs.getBoolean(4)) : null;
            }
        }
    }

    interface Work {
        void run() throws Exception;
    }

    /** Runs once the route has answered (the call flow's own transaction is committed by then). */
    private static void afterRoute(Exchange exchange, Work work) {
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                try {
                    work.run();
                } catch (Exception e) {
                    LOG.warn("could not record a call's cost or end: {}", e.toString());
                }
            }
        });
    }

    private void update(String sql, String callSid) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(Sql.get(sql))) {
            ps.setString(1, callSid);
            ps.executeUpdate();
        }
    }

    private static Integer number(String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
