package app.bella.voice;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Serves Twilio's voice webhooks: loads the call's state from PostgreSQL, lets the dialogue decide, and saves the
 * new state, the turn's TwiML and the booking in one transaction. Each turn's action URL carries its number, so a
 * retried request for a turn already answered gets the same TwiML back and changes nothing.
 */
public final class CallFlow {

    private static final Logger LOG = LoggerFactory.getLogger(CallFlow.class);
    static final String TURN_PATH = "/twilio/voice/turn";

    private final DataSource dataSource;
    private final CallStore store;
    private final Dialogue dialogue;
    private final String voice;

    public CallFlow(DataSource dataSource, CallStore store, Dialogue dialogue, String voice) {
        this.dataSource = dataSource;
        this.store = store;
        this.dialogue = dialogue;
        this.voice = voice;
    }

    /** POST /twilio/voice: a new call. */
    public String incoming(Exchange exchange) throws SQLException {
        Map<String, String> p = TwilioWebhookGuard.params(exchange);
        String callSid = required(p, "CallSid");
        MDC.put("callSid", callSid);
        try (Connection c = transaction()) {
            Optional<CallStore.Turn> answered = store.find(c, callSid).isPresent() ? store.turn(c, callSid, 0) : Optional.empty();
            if (answered.isPresent()) {
                c.commit();
                return answered.get().twiml(); // Twilio retried the call's first request
            }
            CallState s = new CallState();
            s.callSid = callSid;
            s.from = CallerId.normalise(p.get("From"));
            if (!store.create(c, s)) {
                c.rollback();
                return replayFirst(callSid);
            }
            Reply reply = dialogue.start(c, s);
            String twiml = render(reply, s);
            store.save(c, s, "in-progress");
            store.addTurn(c, callSid, 0, null, reply.spoken(), twiml);
            c.commit();
            LOG.info("call started returning={} step={}", s.returning, s.step);
            return twiml;
        } finally {
            MDC.remove("callSid");
        }
    }

    /** POST /twilio/voice/turn?n=N: the caller's answer to the prompt of turn N-1. */
    public String turn(Exchange exchange) throws SQLException {
        Map<String, String> p = TwilioWebhookGuard.params(exchange);
        String callSid = required(p, "CallSid");
        int n = turnNumber(exchange);
        MDC.put("callSid", callSid);
        try (Connection c = transaction()) {
            Optional<CallStore.Session> session = store.lock(c, callSid);
            if (session.isEmpty()) {
                c.rollback();
                throw new IllegalArgumentException("Unknown call");
            }
            Optional<CallStore.Turn> answered = store.turn(c, callSid, n);
            if (answered.isPresent()) {
                c.commit();
                LOG.info("replayed turn {}", n);
                return answered.get().twiml();
            }
            CallState s = session.get().state();
            if (n != s.turn + 1) {
                // an old or out-of-order request: repeat the current question, change nothing
                String current = store.turn(c, callSid, s.turn).map(CallStore.Turn::twiml).orElseThrow();
                c.commit();
                return current;
            }
            TurnInput in = new TurnInput(p.get("SpeechResult"), p.get("Digits"), confidence(p.get("Confidence")));
            Reply reply = dialogue.turn(c, s, in);
            s.turn = n;
            String twiml = render(reply, s);
            String status = reply.ending() == null ? "in-progress" : "completed";
            store.save(c, s, status);
            store.addTurn(c, callSid, n, in.text(), reply.spoken(), twiml);
            c.commit();
            LOG.info("turn {} step={} outcome={}", n, s.step, s.outcome);
            return twiml;
        } finally {
            MDC.remove("callSid");
        }
    }

    /** POST /twilio/status: Twilio's call-status callback records how the call ended. */
    public String status(Exchange exchange) throws SQLException {
        Map<String, String> p = TwilioWebhookGuard.params(exchange);
        String callSid = required(p, "CallSid");
        String status = p.getOrDefault("CallStatus", "completed");
        String outcomeIfNone = switch (status) {
            case "completed" -> "abandoned";
            case "busy", "no-answer", "canceled" -> "abandoned";
            case "failed" -> "failed";
            default -> null;
        };
        try (Connection c = transaction()) {
            store.recordStatus(c, callSid, status, outcomeIfNone);
            c.commit();
        }
        return Twiml.response().toXml();
    }

    /** Spoken when a turn fails inside Bella: a polite goodbye instead of an error. */
    public String apology() {
        return Twiml.response().voice(voice).say("I'm sorry, something went wrong on our side. "
                + "Please call again in a few minutes, or we'll call you back. Goodbye.").hangup().toXml();
    }

    private String replayFirst(String callSid) throws SQLException {
        try (Connection c = transaction()) {
            String twiml = store.turn(c, callSid, 0).map(CallStore.Turn::twiml).orElseThrow();
            c.commit();
            return twiml;
        }
    }

    private String render(Reply reply, CallState s) {
        Twiml t = Twiml.response().voice(voice);
        if (reply.ending() == Reply.Ending.HANGUP) {
            return t.say(reply.spoken()).hangup().toXml();
        }
        if (reply.ending() == Reply.Ending.TRANSFER) {
            return t.say(reply.spoken()).dial(reply.transferTo(), null, 30).toXml();
        }
        String action = TURN_PATH + "?n=" + (s.turn + 1);
        GatherSpec spec = (reply.input() == Reply.Input.SPEECH_OR_KEYPAD ? GatherSpec.speechOrDtmf(action) : GatherSpec.speech(action))
                .withActionOnEmptyResult(true)
                .withSpeechTimeout("auto")
                .withTimeout(6)
                .withLanguage("en-US");
        if (s.step == Step.ASK_PHONE) {
            spec = spec.withFinishOnKey("#");
        } else if (reply.input() == Reply.Input.SPEECH_OR_KEYPAD && (s.step == Step.CONFIRM || s.step == Step.CONFIRM_CANCEL)) {
            spec = spec.withNumDigits(1);
        }
        if (reply.hints() != null && !reply.hints().isEmpty()) {
            spec = spec.withHints(reply.hints());
        }
        return t.gather(spec, reply.spoken()).toXml();
    }

    private Connection transaction() throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        return c;
    }

    private static int turnNumber(Exchange exchange) {
        String n = exchange.getMessage().getHeader("n", String.class);
        try {
            return Integer.parseInt(n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Missing turn number");
        }
    }

    private static Double confidence(String value) {
        try {
            return value == null ? null : Double.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String required(Map<String, String> p, String key) {
        String v = p.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("Missing " + key);
        }
        return v;
    }
}
