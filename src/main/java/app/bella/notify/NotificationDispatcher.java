package app.bella.notify;

import app.bella.support.Phones;

import app.bella.events.EventType;
import app.bella.events.OutboxWriter;
import app.bella.support.Sql;
import com.twilio.rest.api.v2010.account.Message;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the notifications that are due, at most once each, in three steps so that no row lock or pooled connection
 * is held while Twilio is asked: (1) a short transaction claims a due row with {@code FOR UPDATE SKIP LOCKED}, checks
 * it against the appointment as it is now and commits it as {@code sending}; (2) the text goes through the
 * notify-sms-send route (circuit breaker, retries) with no connection held; (3) a second transaction marks the row sent
 * or failed together with its {@code sms.sent} / {@code sms.failed} event, or back to pending when the breaker was open
 * (nothing was sent). When step 3 cannot reach the database the outcome is kept in memory and recorded on a later tick
 * before anything new is claimed. A row left {@code sending} longer than {@link #CLAIM_LIMIT} (the process stopped
 * mid-send) is failed as "outcome unknown", never sent again: a missed text can be followed up, a duplicate cannot be
 * taken back, and Twilio's Messages API has no idempotency key.
 * <p>
 * Several senders work side by side, each on its own share of the appointments (appointment id modulo the number of
 * senders), so one appointment's texts leave one after another in the order they fell due; a row is not claimed while
 * another text of its appointment is being sent (by any instance). Called by the notify-dispatch timer route.
 */
public final class NotificationDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);
    static final String SEND_ENDPOINT = "direct:notify-sms-send";
    /** Longer than any send takes with its retries; a claim older than this was abandoned by a stopped dispatcher. */
    static final Duration CLAIM_LIMIT = Duration.ofMinutes(5);
    static final String OUTCOME_UNKNOWN = "outcome unknown: the dispatcher stopped while sending";
    /** Outcomes waiting for the database; nothing new is claimed while one waits, so this is rarely more than a few. */
    private static final int MAX_UNRECORDED = 100;

    private final CamelContext camel;
    private final DataSource dataSource;
    private final OutboxWriter events;
    private final ReminderPolicy policy;
    private final SmsTexts texts;
    private final Clock clock;
    private final int batchSize;
    private final List<Integer> senders;
    private final Deque<Outcome> unrecorded = new ArrayDeque<>();
    private java.util.function.Predicate<String> reminderDropped = kind -> false;
    private volatile ProducerTemplate template;
    private volatile boolean breakerOpenReported;
    private int maxAttempts = 1; // calls to Twilio per message, over every try; 1: never deferred
    private java.time.Duration retryAfter = java.time.Duration.ZERO;

    public NotificationDispatcher(CamelContext camel, DataSource dataSource, OutboxWriter events, ReminderPolicy policy,
                                  SmsTexts texts, Clock clock, int batchSize, int senders) {
        this.camel = camel;
        this.dataSource = dataSource;
        this.events = events;
        this.policy = policy;
        this.texts = texts;
        this.clock = clock;
        this.batchSize = batchSize;
        if (senders < 1) {
            throw new IllegalArgumentException("bella.notify.senders must be at least 1, was " + senders);
        }
        this.senders = java.util.stream.IntStream.range(0, senders).boxed().toList();
    }

    /**
     * While Twilio cannot take a message (5xx, 429, unreachable: nothing was sent) it stays pending and is tried again
     * after {@code retryAfter}, until it has had {@code maxAttempts} calls to Twilio; then it is failed.
     */
    public NotificationDispatcher deferringWhileTwilioIsDown(int maxAttempts, java.time.Duration retryAfter) {
        this.maxAttempts = Math.max(1, maxAttempts);
        this.retryAfter = retryAfter;
        return this;
    }

    /** Reminders of these kinds are skipped when due (the budget guard drops the second reminder at 100 %). */
    public NotificationDispatcher droppingReminders(java.util.function.Predicate<String> dropped) {
        this.reminderDropped = dropped;
        return this;
    }

    /** One claimed row with the appointment and customer as they are now. */
    record Due(long id, long appointmentId, String kind, String purpose, Instant startsAt, Instant previousStart,
               String appointmentStatus, Instant appointmentStart, String phone, String name, int attempts) {
    }

    /** What the claim transaction left to do. */
    private sealed interface Claimed permits NothingDue, AppointmentBusy, SettledInClaim, ToSend {
    }

    private record NothingDue() implements Claimed {
    }

    /** Another text of the appointment was committed as sending while this claim waited: rolled back, tried later. */
    private record AppointmentBusy() implements Claimed {
    }

    /** Skipped or re-planned inside the claim transaction: nothing to send. */
    private record SettledInClaim() implements Claimed {
    }

    /** Committed as {@code sending}; {@code claimedAt} identifies this claim when its outcome is recorded. */
    private record ToSend(Due due, String body, OffsetDateTime claimedAt) implements Claimed {
    }

    /** NOT_SENT: the breaker was open, Twilio not asked; DEFERRED: Twilio could not take it now, asked again later. */
    enum Result { SENT, FAILED, NOT_SENT, DEFERRED }

    /** What Twilio answered for one claim, kept until the database has recorded it. */
    private record Outcome(Due due, OffsetDateTime claimedAt, Result result, int attempts, String sid,
                           Integer segments, String error, String errorCode, Instant answeredAt) {
    }

    /**
     * The start of a tick: records outcomes still waiting for the database and fails abandoned claims; returns the
     * senders to run (each one's number), none while the database still does not answer.
     */
    public List<Integer> settleEarlierClaims() throws SQLException {
        if (!recordUnrecorded()) {
            return List.of(); // the database still does not answer: claim nothing new
        }
        expireAbandonedClaims();
        return senders;
    }

    /** One sender's part of a tick: sends up to the batch size of its due notifications; returns how many were settled. */
    public int sendDue(int sender) throws SQLException {
        int settled = 0;
        while (settled < batchSize) {
            Optional<Boolean> progress = dispatchOne(sender);
            if (progress.isEmpty() || !progress.get()) {
                break;
            }
            settled++;
        }
        return settled;
    }

    /** One whole tick with the senders one after another (what the route does in parallel); returns the rows settled. */
    int dispatch() throws SQLException {
        int settled = 0;
        for (int sender : settleEarlierClaims()) {
            settled += sendDue(sender);
        }
        return settled;
    }

    /**
     * Empty when nothing is due; false when the breaker is open (the row is pending again) or the outcome could not
     * be recorded (kept for the next tick); true otherwise.
     */
    private Optional<Boolean> dispatchOne(int sender) throws SQLException {
        Instant now = clock.instant();
        Claimed claimed = claimNext(now, sender);
        if (claimed instanceof NothingDue || claimed instanceof AppointmentBusy) {
            return Optional.empty();
        }
        if (!(claimed instanceof ToSend toSend)) {
            return Optional.of(true);
        }
        Outcome outcome = send(toSend, now);
        try {
            record(outcome);
        } catch (SQLException | RuntimeException e) {
            keep(outcome, e);
            return Optional.of(false); // the database went away: this batch ends here
        }
        return Optional.of(outcome.result() != Result.NOT_SENT);
    }

    /** Step 1: one short transaction; a row to send is committed as {@code sending} before Twilio is asked. */
    private Claimed claimNext(Instant now, int sender) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<Due> claimed = claim(c, now, !policy.isQuiet(now), sender);
                if (claimed.isEmpty()) {
                    c.commit();
                    return new NothingDue();
                }
                Optional<String> body = handle(c, claimed.get(), now);
                if (body.isEmpty()) {
                    c.commit();
                    return new SettledInClaim();
                }
                Optional<OffsetDateTime> claimedAt = markSending(c, claimed.get());
                if (claimedAt.isEmpty()) {
                    c.rollback();
                    return new AppointmentBusy();
                }
                c.commit();
                return new ToSend(claimed.get(), body.get(), claimedAt.get());
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    /** The text to send, or empty when the row was settled here (skipped, re-planned). */
    private Optional<String> handle(Connection c, Due due, Instant now) throws SQLException {
        if (!due.appointmentStart().isAfter(now)) {
            skip(c, due, "appointment already started");
            return Optional.empty();
        }
        if (!"cancellation".equals(due.purpose()) && !"booked".equals(due.appointmentStatus())) {
            skip(c, due, "appointment " + due.appointmentStatus());
            return Optional.empty();
        }
        if (!due.purpose().equals("cancellation") && !due.purpose().equals("confirmation")
                && !due.appointmentStart().equals(due.startsAt())) {
            if (due.purpose().equals("reschedule")) {
                skip(c, due, "superseded: the appointment moved again");
                return Optional.empty();
            }
            // a reminder for a time the appointment no longer has (its reschedule event is still on its way)
            Optional<ReminderPolicy.Reminder> again = policy.plan(due.appointmentStart(), now).stream()
                    .filter(r -> r.kind().equals(due.kind())).findFirst();
            if (again.isEmpty()) {
                skip(c, due, "too close to the appointment");
            } else {
                try (PreparedStatement ps = c.prepareStatement(Sql.get("notification-replan"))) {
                    ps.setTimestamp(1, Timestamp.from(due.appointmentStart()));
                    ps.setTimestamp(2, Timestamp.from(again.get().dueAt()));
                    ps.setLong(3, due.id());
                    ps.executeUpdate();
                }
            }
            return Optional.empty();
        }
        if (due.kind().startsWith("reminder-") && reminderDropped.test(due.kind())) {
            skip(c, due, "budget exhausted: optional reminder dropped");
            return Optional.empty();
        }
        return Optional.of(text(due, now));
    }

    /** The claim's time, or empty when another text of the appointment is being sent. */
    private static Optional<OffsetDateTime> markSending(Connection c, Due due) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("notification-mark-sending"))) {
            ps.setLong(1, due.id());
            ps.setLong(2, due.appointmentId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, OffsetDateTime.class)) : Optional.empty();
            }
        }
    }

    String text(Due due, Instant now) {
        return switch (due.purpose()) {
            case "confirmation" -> texts.confirmation(due.name(), due.appointmentStart(), now);
            case "reschedule" -> texts.reschedule(due.name(), due.previousStart(), due.startsAt(), now);
            case "cancellation" -> texts.cancellation(due.name(), due.startsAt());
            default -> texts.reminder(due.name(), due.appointmentStart(), now);
        };
    }

    /** Step 2: through the notify-sms-send route, no connection held. */
    private Outcome send(ToSend claim, Instant now) {
        Due due = claim.due();
        Exchange result = template().send(SEND_ENDPOINT, exchange -> {
            exchange.getMessage().setBody(claim.body());
            exchange.getMessage().setHeader("to", due.phone());
        });
        Exception failure = result.getException();
        int attempts = 1 + result.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        if (failure != null && SmsFailures.isBreakerOpen(failure)) {
            if (!breakerOpenReported) {
                breakerOpenReported = true;
                LOG.warn("Twilio circuit breaker is open: customer SMS wait until it lets calls through again");
            }
            return new Outcome(due, claim.claimedAt(), Result.NOT_SENT, 0, null, null, null, null, now);
        }
        breakerOpenReported = false;
        if (failure == null) {
            Message message = result.getMessage().getBody(Message.class);
            String sid = message == null || message.getSid() == null ? "unknown" : message.getSid();
            return new Outcome(due, claim.claimedAt(), Result.SENT, attempts, sid, segments(message), null, null, now);
        }
        // a Twilio outage before the breaker opens must not use up the message: it waits like those the breaker holds
        Result outcome = SmsFailures.notTaken(failure) && due.attempts() + attempts < maxAttempts ? Result.DEFERRED : Result.FAILED;
        return new Outcome(due, claim.claimedAt(), outcome, attempts, null, null, SmsFailures.describe(failure),
                SmsFailures.errorCode(failure), now);
    }

    /**
     * Step 3: the outcome of one claim with its event, in one transaction. The update matches only this claim: a
     * row re-planned meanwhile (a reminder moved to a new time) is left as it is, and so is a row recorded before.
     */
    private void record(Outcome o) throws SQLException {
        Due due = o.due();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int updated = switch (o.result()) {
                    case SENT -> update(c, "notification-mark-sent", ps -> {
                        ps.setInt(1, o.attempts());
                        ps.setString(2, o.sid());
                        ps.setTimestamp(3, Timestamp.from(o.answeredAt()));
                        ps.setLong(4, due.id());
                        ps.setObject(5, o.claimedAt());
                        ps.setString(6, OUTCOME_UNKNOWN);
                    });
                    case FAILED -> update(c, "notification-mark-failed", ps -> {
                        ps.setInt(1, o.attempts());
                        ps.setString(2, o.error());
                        ps.setLong(3, due.id());
                        ps.setObject(4, o.claimedAt());
                        ps.setString(5, OUTCOME_UNKNOWN);
                    });
                    case DEFERRED -> update(c, "notification-defer", ps -> {
                        ps.setInt(1, o.attempts());
                        ps.setString(2, o.error());
                        ps.setLong(3, retryAfter.toMillis());
                        ps.setLong(4, due.id());
                        ps.setObject(5, o.claimedAt());
                        ps.setString(6, OUTCOME_UNKNOWN);
                    });
                    case NOT_SENT -> update(c, "notification-release", ps -> {
                        ps.setLong(1, due.id());
                        ps.setObject(2, o.claimedAt());
                        ps.setString(3, OUTCOME_UNKNOWN);
                    });
                };
                if (updated == 1 && (o.result() == Result.SENT || o.result() == Result.FAILED)) {
                    events.append(c, o.result() == Result.SENT ? EventType.SMS_SENT : EventType.SMS_FAILED,
                            "appointment-" + due.appointmentId(), payload(o));
                }
                c.commit();
                log(o, updated == 1);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    private static Map<String, Object> payload(Outcome o) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("appointmentId", String.valueOf(o.due().appointmentId()));
        payload.put("to", o.due().phone());
        payload.put("purpose", o.due().purpose());
        if (o.result() == Result.SENT) {
            payload.put("messageSid", o.sid());
            if (o.segments() != null) {
                payload.put("segments", o.segments());
            }
        } else {
            if (o.errorCode() != null) {
                payload.put("errorCode", o.errorCode());
            }
            payload.put("error", o.error());
        }
        return payload;
    }

    private static void log(Outcome o, boolean recorded) {
        Due due = o.due();
        if (!recorded) {
            // recorded before (the commit's answer was lost) or the row was re-planned while its text was out
            LOG.info("SMS {} for appointment {}: outcome {} not recorded, the row no longer holds this claim",
                    due.kind(), due.appointmentId(), o.result());
        } else if (o.result() == Result.SENT) {
            LOG.info("SMS {} for appointment {} sent to {} ({}, {} attempt(s))", due.kind(), due.appointmentId(),
                    Phones.mask(due.phone()), o.sid(), o.attempts());
        } else if (o.result() == Result.DEFERRED) {
            LOG.warn("SMS {} for appointment {} to {} not taken by Twilio ({} attempt(s)): {}; tried again later",
                    due.kind(), due.appointmentId(), Phones.mask(due.phone()), o.attempts(), o.error());
        } else if (o.result() == Result.FAILED) {
            LOG.warn("SMS {} for appointment {} to {} failed after {} attempt(s): {}", due.kind(), due.appointmentId(),
                    Phones.mask(due.phone()), o.attempts(), o.error());
        }
    }

    /** Keeps an outcome the database could not take; recorded before anything new is claimed. */
    private void keep(Outcome o, Exception cause) {
        synchronized (unrecorded) {
            if (unrecorded.size() >= MAX_UNRECORDED) {
                Outcome dropped = unrecorded.pollFirst();
                LOG.error("SMS {} for appointment {}: outcome {} dropped (too many waiting for the database); the row "
                        + "will be failed as outcome unknown", dropped.due().kind(), dropped.due().appointmentId(),
                        dropped.result());
            }
            unrecorded.addLast(o);
        }
        LOG.warn("SMS {} for appointment {}: outcome {} kept until the database answers again ({})", o.due().kind(),
                o.due().appointmentId(), o.result(), cause.toString());
    }

    /** True when nothing waits any more; false when the database still does not answer. */
    private boolean recordUnrecorded() {
        while (true) {
            Outcome next;
            synchronized (unrecorded) {
                next = unrecorded.pollFirst();
            }
            if (next == null) {
                return true;
            }
            try {
                record(next);
            } catch (SQLException | RuntimeException e) {
                synchronized (unrecorded) {
                    unrecorded.addFirst(next);
                }
                LOG.debug("outcome of SMS {} still waits for the database: {}", next.due().kind(), e.toString());
                return false;
            }
        }
    }

    /** Claims older than {@link #CLAIM_LIMIT} were abandoned mid-send: failed as outcome unknown, not sent again. */
    private void expireAbandonedClaims() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(Sql.get("notification-expire-sending"))) {
                ps.setDouble(1, CLAIM_LIMIT.toSeconds());
                ps.setInt(2, batchSize);
                ps.setString(3, OUTCOME_UNKNOWN);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> payload = new LinkedHashMap<>();
                        payload.put("appointmentId", String.valueOf(rs.getLong("appointment_id")));
                        payload.put("to", rs.getString("phone"));
                        payload.put("purpose", rs.getString("purpose"));
                        payload.put("error", OUTCOME_UNKNOWN);
                        events.append(c, EventType.SMS_FAILED, "appointment-" + rs.getLong("appointment_id"), payload);
                        LOG.warn("SMS {} for appointment {} to {} failed: {} (claimed more than {} min ago; not sent "
                                + "again)", rs.getString("kind"), rs.getLong("appointment_id"),
                                Phones.mask(rs.getString("phone")), OUTCOME_UNKNOWN, CLAIM_LIMIT.toMinutes());
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static int update(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get(sql))) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed: {}", e.toString());
        }
    }

    private static Integer segments(Message message) {
        try {
            return message == null || message.getNumSegments() == null ? null : Integer.valueOf(message.getNumSegments());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void skip(Connection c, Due due, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("notification-skip"))) {
            ps.setString(1, reason);
            ps.setLong(2, due.id());
            ps.executeUpdate();
        }
        LOG.info("SMS {} for appointment {} not sent: {}", due.kind(), due.appointmentId(), reason);
    }

    private Optional<Due> claim(Connection c, Instant now, boolean reminders, int sender) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("notification-claim"))) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setBoolean(2, reminders);
            ps.setInt(3, senders.size());
            ps.setInt(4, sender);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp previous = rs.getTimestamp("previous_start");
                return Optional.of(new Due(rs.getLong("id"), rs.getLong("appointment_id"), rs.getString("kind"),
                        rs.getString("purpose"), rs.getTimestamp("starts_at").toInstant(),
                        previous == null ? null : previous.toInstant(), rs.getString("appointment_status"),
                        rs.getTimestamp("appointment_start").toInstant(), rs.getString("phone"), rs.getString("name"),
                        rs.getInt("attempts")));
            }
        }
    }

    private ProducerTemplate template() {
        ProducerTemplate t = template;
        if (t == null) {
            synchronized (this) {
                if (template == null) {
                    template = camel.createProducerTemplate();
                }
                t = template;
            }
        }
        return t;
    }
}
