package app.bella.notify;

import app.bella.support.Phones;

import app.bella.booking.Appointment;
import app.bella.booking.BookingService;
import app.bella.support.Sql;
import app.bella.voice.Twiml;
import app.bella.voice.TwilioWebhookGuard;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers an SMS from a customer (Twilio's incoming-message webhook, already signature-checked): C confirms, X
 * cancels, R explains how to reschedule — always the sender's own next upcoming appointment, found by the From
 * number. The effect and the reply are stored under the MessageSid in one transaction: a retried webhook gets the
 * same reply and changes nothing.
 */
public final class SmsReplies {

    private static final Logger LOG = LoggerFactory.getLogger(SmsReplies.class);
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{7,14}$");
    private static final Pattern SID = Pattern.compile("^[A-Za-z0-9]{2,64}$");

    private final DataSource dataSource;
    private final BookingService bookings;
    private final SmsTexts texts;

    public SmsReplies(DataSource dataSource, BookingService bookings, SmsTexts texts) {
        this.dataSource = dataSource;
        this.bookings = bookings;
        this.texts = texts;
    }

    /** The customer's command, from the first word of the message ("c", "X please", "R."). */
    enum Command { CONFIRM, CANCEL, RESCHEDULE, HELP }

    static Command command(String body) {
        String text = body == null ? "" : body.strip().toLowerCase(Locale.ROOT);
        String word = text.split("[^a-z]+", 2)[0];
        return switch (word) {
            case "c", "confirm", "yes" -> Command.CONFIRM;
            case "x", "cancel" -> Command.CANCEL;
            case "r", "reschedule" -> Command.RESCHEDULE;
            default -> Command.HELP;
        };
    }

    /** Camel entry point: form parameters in, TwiML {@code <Response><Message>…</Message></Response>} out. */
    public void answer(Exchange exchange) throws SQLException {
        Map<String, String> params = TwilioWebhookGuard.params(exchange);
        String reply = answer(params.get("MessageSid"), params.get("From"), params.get("To"), params.get("Body"));
        exchange.getMessage().setBody(Twiml.DECLARATION + "<Response><Message>" + Twiml.escape(reply) + "</Message></Response>");
    }

    String answer(String messageSid, String from, String to, String body) throws SQLException {
        Command command = command(body == null || body.length() <= 200 ? body : body.substring(0, 200));
        // only the sender's own appointments: the From number Twilio vouches for, never a number in the text
        String phone = from != null && E164.matcher(from.strip()).matches() ? from.strip() : "";
        to = to != null && E164.matcher(to.strip()).matches() ? to.strip() : null; // echoed in the reply
        if (messageSid != null && !SID.matcher(messageSid).matches()) {
            messageSid = null; // not an id Twilio gives: answered, but not kept for retries
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (messageSid != null && !messageSid.isBlank()) {
                    try (PreparedStatement lock = c.prepareStatement(Sql.get("sms-inbound-lock"))) {
                        lock.setString(1, messageSid);
                        lock.execute();
                    }
                    Optional<String> earlier = earlierReply(c, messageSid);
                    if (earlier.isPresent()) {
                        c.commit();
                        return earlier.get();
                    }
                }
                Optional<Appointment> next = phone.isEmpty() ? Optional.empty() : bookings.nextAppointment(c, phone);
                String reply;
                if (next.isEmpty()) {
                    reply = texts.noAppointment(to);
                } else {
                    Appointment a = next.get();
                    reply = switch (command) {
                        case CONFIRM -> confirm(c, a);
                        case CANCEL -> cancel(c, a);
                        case RESCHEDULE -> texts.howToReschedule(a.start(), to);
                        case HELP -> texts.help(a.start());
                    };
                }
                if (messageSid != null && !messageSid.isBlank() && !phone.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement(Sql.get("sms-inbound-insert"))) {
                        ps.setString(1, messageSid);
                        ps.setString(2, phone);
                        ps.setString(3, command.name().toLowerCase(Locale.ROOT));
                        ps.setObject(4, next.map(Appointment::id).orElse(null));
                        ps.setString(5, reply);
                        ps.executeUpdate();
                    }
                }
                c.commit();
                LOG.info("SMS from {}: {} for appointment {}", Phones.mask(phone), command,
                        next.map(a -> String.valueOf(a.id())).orElse("(none)"));
                return reply;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private String confirm(Connection c, Appointment a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("appointment-confirmation-insert"))) {
            ps.setLong(1, a.id());
            ps.setString(2, "sms");
            ps.executeUpdate();
        }
        return texts.confirmed(a.name(), a.start());
    }

    private String cancel(Connection c, Appointment a) throws SQLException {
        if (!bookings.cancel(c, a.id(), "caller", null)) {
            return texts.noAppointment(null);
        }
        // the reply already tells the customer: no separate cancellation notice for this one
        try (PreparedStatement ps = c.prepareStatement(Sql.get("notification-insert"))) {
            ps.setLong(1, a.id());
            ps.setString(2, "cancellation");
            ps.setString(3, "cancellation");
            ps.setObject(4, null);
            ps.setTimestamp(5, Timestamp.from(a.start()));
            ps.setTimestamp(6, null);
            ps.setTimestamp(7, Timestamp.from(bookings.clock().instant()));
            ps.setString(8, "skipped");
            ps.setString(9, "answered by the SMS reply");
            ps.executeUpdate();
        }
        return texts.cancelled(a.start());
    }

    private static Optional<String> earlierReply(Connection c, String messageSid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("sms-inbound-find"))) {
            ps.setString(1, messageSid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
