package app.bella.voice;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.time.Duration;
import app.bella.events.EventType;
import app.bella.events.OutboxWriter;
import app.bella.understanding.CostLedger;
import app.bella.understanding.Transcriptions;
import app.bella.understanding.TurnMetrics;
import app.bella.understanding.TurnQuality;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Serves Twilio's voice webhooks. A call turn is a route of steps (routes/voice-turn.camel.yaml): read the request,
 * load the call's state without a lock, understand the words (rules, then maybe the model: no connection held),
 * then lock the call, let the dialogue decide and save the new state, the turn's TwiML and the booking in one
 * transaction. Each turn's action URL carries its number, so a retried request for a turn already answered gets
 * the same TwiML back and changes nothing.
 */
public final class CallFlow {

    private static final Logger LOG = LoggerFactory.getLogger(CallFlow.class);
    static final String TURN_PATH = "/twilio/voice/turn";

    static final String RECORDED_PATH = "/twilio/voice/recorded";
    static final String POLL_PATH = "/twilio/voice/poll";
    /** What is kept (parsed and stored) of one recognised utterance; Twilio's are far shorter. */
    static final int MAX_SPEECH_CHARS = 500;
    /** Twilio's ids (CA…, RE…); anything else (empty, huge, odd characters) cannot be a call Bella knows. */
    private static final Pattern SID = Pattern.compile("^[A-Za-z0-9]{2,64}$");
    /** The call statuses Twilio reports; anything else is not recorded. */
    private static final Set<String> CALL_STATUSES = Set.of("queued", "initiated", "ringing", "in-progress", "completed",
            "busy", "no-answer", "canceled", "failed");

    /** Signed form parameter of test calls (the console, {@code bella call}); Twilio never sends it. */
    public static final String TEST_CALL_PARAM = "BellaTest";

    /** How speech is heard: engine for new calls, how many polls a turn may wait for a transcription, which steps. */
    public record SpeechSettings(String engine, int maxPolls, java.util.Set<Step> whisperSteps) {

        /** Whisper hears this step (empty set: every step); the others use Twilio's own recognition. */
        boolean whisperHears(Step step) {
            return whisperSteps.isEmpty() || whisperSteps.contains(step);
        }
    }

    private final DataSource dataSource;
    private final CallStore store;
    private final Dialogue dialogue;
    private final Function<Connection, PracticeBook> books;
    private final String voice;
    private final SpeechSettings speech;
    private final Transcriptions transcriptions;
    private final BiConsumer<String, Integer> transcribe;
    private final TurnMetrics metrics;
    private final OutboxWriter events;
    private final CostLedger ledger;
    private java.util.function.Supplier<String> speechChoice;

    /** @param books the practice's book inside one turn's transaction (its connection) */
    public CallFlow(DataSource dataSource, CallStore store, Dialogue dialogue, Function<Connection, PracticeBook> books,
                    String voice, SpeechSettings speech, Transcriptions transcriptions, BiConsumer<String, Integer> transcribe,
                    TurnMetrics metrics, OutboxWriter events, CostLedger ledger) {
        this.books = books;
        this.ledger = ledger;
        this.events = events;
        this.dataSource = dataSource;
        this.store = store;
        this.dialogue = dialogue;
        this.voice = voice;
        this.speech = speech;
        this.transcriptions = transcriptions;
        this.transcribe = transcribe;
        this.metrics = metrics;
        this.speechChoice = speech::engine;
    }

    /** Each new call's speech engine comes from {@code choice} (the budget guard) instead of the configured one. */
    public CallFlow choosingSpeechWith(java.util.function.Supplier<String> choice) {
        this.speechChoice = choice;
        return this;
    }

    /** POST /twilio/voice: a new call. */
    public String incoming(Exchange exchange) throws SQLException {
        Map<String, String> p = TwilioWebhookGuard.params(exchange);
        String callSid = callSid(p);
        if (callSid == null) {
            return apology();
        }
        MDC.put("callSid", callSid);
        // No transaction: the reads (services, a returning caller) need no snapshot shared with the write, and the one
        // write statement (session, greeting, call.started event) is atomic on its own. A duplicate of this webhook
        // racing it waits on the session's key (ON CONFLICT) until this one's statement is done, then writes nothing
        // and answers the greeting that statement stored.
        try (Connection c = dataSource.getConnection()) {
            CallState s = new CallState();
            s.callSid = callSid;
            s.from = CallerId.normalise(p.get("From"));
            s.fromDigits = CallerId.invalidDigits(p.get("From"));
            s.stt = speechChoice.get();
            Reply reply = dialogue.start(books.apply(c), s);
            s.lastAsk = reply.ask();
            String twiml = render(reply, s);
            boolean test = "true".equals(p.get(TEST_CALL_PARAM)); // left out of business metrics and costs
            if (!store.start(c, s, test, reply.spoken(), twiml, events.row(EventType.CALL_STARTED, callSid, callEvent(s, null)))) {
                return replayFirst(c, callSid);
            }
            LOG.info("call started returning={} step={}", s.returning, s.step);
            return twiml;
        } finally {
            MDC.remove("callSid");
        }
    }

    /**
     * One turn to answer: the call, the turn number of the action URL, and what the caller gave (null with
     * {@code fallback}: Whisper gave up, the question is asked again). {@code answer} set: the TwiML is already known
     * (a hold prompt while Whisper works, a replay, an unusable request), and the turn's steps are skipped.
     * {@code engine}: what heard the answer (twilio, whisper), for the turn's quality figures.
     */
    public record TurnRequest(String callSid, int n, TurnInput input, boolean fallback, String answer, String engine) {

        static TurnRequest heard(String callSid, int n, TurnInput input, String engine) {
            return new TurnRequest(callSid, n, input, false, null, engine);
        }

        static TurnRequest answered(String twiml) {
            return new TurnRequest(null, -1, null, false, twiml, null);
        }
    }

    /**
     * The call as the turn found it, read without a lock: its state, or the TwiML that answers the request at once (a
     * replay of a turn already answered, an out-of-date turn, a call Bella does not know, an unusable request).
     */
    public record CallTurn(CallState state, String twiml) {

        public boolean answered() {
            return twiml != null;
        }
    }

    /** Step voice-turn-read: POST /twilio/voice/turn?n=N, the caller's answer to the prompt of turn N-1 (speech or keypad). */
    public TurnRequest gathered(Object form, String n) {
        Map<String, String> p = TwilioWebhookGuard.form(form);
        String callSid = callSid(p);
        if (callSid == null) {
            return TurnRequest.answered(apology());
        }
        TurnInput in = TurnInput.fromTwilio(p.get("SpeechResult"), p.get("Digits"), p.get("Confidence"), MAX_SPEECH_CHARS);
        if (!in.silent()) {
            metrics.speech("twilio", false);
        }
        return TurnRequest.heard(callSid, turnNumber(n), in, "twilio");
    }

    /**
     * Step voice-recorded-read: POST /twilio/voice/recorded?n=N, the caller's answer was recorded. Transcription runs
     * off this thread; Twilio is redirected at once to the poll, which waits for the transcript without holding a
     * thread or a connection ({@link PollWait}), so it is never held past its timeout.
     */
    public TurnRequest recorded(Object form, String turn) throws SQLException {
        Map<String, String> p = TwilioWebhookGuard.form(form);
        String callSid = callSid(p);
        if (callSid == null) {
            return TurnRequest.answered(apology());
        }
        int n = turnNumber(turn);
        MDC.put("callSid", callSid);
        try {
            boolean created;
            Integer seconds;
            try (Connection c = transaction()) {
                Optional<CallStore.TurnRead> read = store.openTurn(c, callSid, n, true);
                if (read.isEmpty()) {
                    c.rollback();
                    return TurnRequest.answered(startOver());
                }
                CallState s = read.get().session().state();
                if (read.get().answered() != null || n != s.turn + 1) {
                    String twiml = read.get().answered() != null ? read.get().answered() : current(c, callSid, s);
                    c.commit();
                    return TurnRequest.answered(twiml);
                }
                String recordingSid = p.get("RecordingSid");
                String recordingUrl = p.get("RecordingUrl");
                if (!isSid(recordingSid) || recordingUrl == null || !recordingUrl.matches("^https?://\\S{1,2000}$")) {
                    c.commit();
                    return TurnRequest.heard(callSid, n, TurnInput.SILENCE, "whisper"); // nothing usable was recorded: as silence
                }
                seconds = seconds(p.get("RecordingDuration"));
                created = transcriptions.create(c, callSid, n, recordingSid, recordingUrl, seconds);
                c.commit();
            }
            if (created) {
                // after the connection is back: the ledger takes one of its own, and twenty webhooks each holding one
                // while asking for another emptied the pool for good (every webhook then waited its 5 s out)
                costs(callSid, seconds);
                try {
                    transcribe.accept(callSid, n);
                } catch (RuntimeException e) { // the transcription queue is full: Twilio's recognition for this turn
                    LOG.warn("recording of turn {} not queued for transcription: {}", n, e.toString());
                    transcriptions.abandon(callSid, n, "transcription queue full");
                }
            }
            // no wait here: the poll it redirects to waits for the transcript without holding a thread (PollWait)
            return TurnRequest.answered(Twiml.response().voice(voice).redirect(pollUrl(callSid, n, 0)).toXml());
        } finally {
            MDC.remove("callSid");
        }
    }

    /** Step voice-poll-read: POST /twilio/voice/poll?n=N&t=T, is the transcription of turn N ready yet? */
    public TurnRequest poll(Object form, String turn, String attempt) throws SQLException {
        String callSid = callSid(TwilioWebhookGuard.form(form));
        if (callSid == null) {
            return TurnRequest.answered(apology());
        }
        MDC.put("callSid", callSid);
        try {
            return afterWaiting(callSid, turnNumber(turn), Math.max(0, number(attempt, 1)));
        } finally {
            MDC.remove("callSid");
        }
    }

    /** After the poll's wait (PollWait): one read of the job. */
    private TurnRequest afterWaiting(String callSid, int n, int attempt) throws SQLException {
        Optional<Transcriptions.Job> job = transcriptions.find(callSid, n);
        if (job.isPresent() && job.get().done()) {
            metrics.speech("whisper", false);
            return TurnRequest.heard(callSid, n, TurnInput.fromTwilio(job.get().text(), null, null, MAX_SPEECH_CHARS), "whisper");
        }
        if (job.isEmpty() || job.get().failed() || attempt >= speech.maxPolls()) {
            // Whisper failed, timed out or its breaker is open: Twilio's recognition for the rest of the call
            metrics.speech("twilio", true);
            return new TurnRequest(callSid, n, null, true, null, null);
        }
        Twiml t = Twiml.response().voice(voice);
        if (attempt == 1) {
            t.say("One moment, please.");
        }
        return TurnRequest.answered(t.pause(1).redirect(pollUrl(callSid, n, attempt + 1)).toXml());
    }

    /** Poll attempt {@code t} of turn {@code n}; the call's id lets {@link PollWait} wait for that turn's transcript. */
    static String pollUrl(String callSid, int n, int t) {
        return POLL_PATH + "?n=" + n + "&t=" + t + "&" + PollWait.CALL_PARAM + "=" + callSid;
    }

    /**
     * Step voice-turn-load-state: the call's state, read without a lock on a connection given back at once. A replay
     * gets the stored TwiML, an out-of-date request the current question.
     */
    public CallTurn load(TurnRequest t) throws SQLException {
        if (t.answer() != null) {
            return new CallTurn(null, t.answer());
        }
        MDC.put("callSid", t.callSid());
        try (Connection c = dataSource.getConnection()) {
            Optional<CallStore.TurnRead> read = store.openTurn(c, t.callSid(), t.n(), false);
            if (read.isEmpty()) {
                return new CallTurn(null, startOver());
            }
            if (read.get().answered() != null) {
                LOG.info("replayed turn {}", t.n());
                return new CallTurn(null, read.get().answered());
            }
            CallState s = read.get().session().state();
            if (t.n() != s.turn + 1) {
                return new CallTurn(null, current(c, t.callSid(), s));
            }
            return new CallTurn(s, null);
        } finally {
            MDC.remove("callSid");
        }
    }

    /**
     * Step voice-turn-decide-and-save: locks the call, checks the turn is still the current one (another request may
     * have answered it meanwhile: then as a replay or an out-of-date request), lets the dialogue decide with what was
     * already understood, and saves the state, the turn's TwiML, any booking and the outbox events in one transaction.
     */
    public String decide(TurnRequest t, Heard heard) throws SQLException {
        String callSid = t.callSid();
        int n = t.n();
        TurnInput in = t.input();
        MDC.put("callSid", callSid);
        try (Connection c = transaction()) {
            Optional<CallStore.TurnRead> read = store.openTurn(c, callSid, n, true);
            if (read.isEmpty()) {
                c.rollback();
                return startOver();
            }
            if (read.get().answered() != null) {
                c.commit();
                LOG.info("replayed turn {}", n);
                return read.get().answered();
            }
            CallState s = read.get().session().state();
            if (n != s.turn + 1) {
                String current = current(c, callSid, s);
                c.commit();
                return current;
            }
            PracticeBook book = books.apply(c);
            String stepBefore = s.step.name(); // for the turn's quality (business metrics)
            Map<String, String> slotsBefore = slots(s);
            // a code read back is not kept in the transcript; a fallback turn (no input: Whisper gave up) heard nothing
            String said = in == null ? null : s.step == Step.VERIFY_CODE && !in.silent() ? "(verification code)" : in.text();
            Reply reply;
            if (t.fallback()) {
                s.stt = "twilio";
                s.sttFellBack = true;
                reply = dialogue.askAgain(s);
            } else {
                try {
                    reply = dialogue.turn(book, s, in, heard);
                } catch (RuntimeException e) {
                    // nothing of this turn is kept (no half-made booking): roll it back and ask again, as a failure
                    c.rollback();
                    Throwable why = e instanceof TransactionBook.Failure && e.getCause() != null ? e.getCause() : e;
                    LOG.warn("turn {} failed on step {} ({}); asking again", n, s.step, why.getClass().getSimpleName());
                    CallStore.TurnRead meanwhile = store.openTurn(c, callSid, n, true).orElseThrow();
                    s = meanwhile.session().state();
                    if (meanwhile.answered() != null || n != s.turn + 1) {
                        String twiml = meanwhile.answered() != null ? meanwhile.answered() : current(c, callSid, s);
                        c.commit();
                        return twiml;
                    }
                    reply = dialogue.notUnderstood(book, s);
                }
            }
            s.turn = n;
            if (reply.ask() != null) {
                s.lastAsk = reply.ask();
            }
            String twiml = render(reply, s);
            String status = reply.ending() == null ? "in-progress" : "completed";
            Map<String, Object> turnEvent = callEvent(s, s.outcome);
            turnEvent.put("turn", n);
            store.saveTurn(c, s, status, said, reply.spoken(), twiml, TurnQuality.of(stepBefore, slotsBefore, s.step.name(),
                    slots(s), engine(in, t), heard != null && heard.reading() != null ? "model" : "rules",
                    in == null ? null : in.confidence()),
                    events.row(EventType.CALL_TURN, callSid, turnEvent),
                    reply.ending() == null ? null
                            : events.row(EventType.CALL_ENDED, callSid, callEvent(s, s.outcome == null ? "completed" : s.outcome)),
                    twilioHeardSpeech(t) ? ledger.speech(callSid, n, in.speech()) : null); // billed in the turn's write
            c.commit();
            LOG.info("turn {} step={} outcome={}", n, s.step, s.outcome);
            return twiml;
        } finally {
            MDC.remove("callSid");
        }
    }

    /** The slots a correction can change, for the turn's quality. */
    private static Map<String, String> slots(CallState s) {
        Map<String, String> m = new java.util.HashMap<>();
        m.put("name", s.name);
        m.put("phone", s.phone);
        m.put("date", s.date);
        m.put("time", s.time);
        m.put("service", s.service);
        return m;
    }

    /** Twilio's {@code <Gather>} recognised speech for this turn (billed per block; a keypad answer is free). */
    private static boolean twilioHeardSpeech(TurnRequest t) {
        return "twilio".equals(t.engine()) && !t.fallback() && t.input() != null && t.input().speech() != null
                && !t.input().speech().isBlank();
    }

    private static String engine(TurnInput in, TurnRequest t) {
        if (in == null || in.silent() || t.fallback()) {
            return "none";
        }
        return in.speech() == null || in.speech().isBlank() ? "keypad" : t.engine() == null ? "twilio" : t.engine();
    }

    /** The TwiML of the call's latest turn: the question the caller is being asked now. */
    private String current(Connection c, String callSid, CallState s) throws SQLException {
        return store.turn(c, callSid, s.turn).map(CallStore.Turn::twiml).orElseThrow();
    }

    private void costs(String callSid, Integer seconds) {
        try {
            transcriptions.recordingCost(callSid, seconds == null ? 1 : seconds);
        } catch (RuntimeException e) {
            LOG.warn("could not record the recording cost: {}", e.toString());
        }
    }

    /** POST /twilio/status: Twilio's call-status callback records how the call ended. */
    public String status(Exchange exchange) throws SQLException {
        Map<String, String> p = TwilioWebhookGuard.params(exchange);
        String callSid = callSid(p);
        String status = p.getOrDefault("CallStatus", "completed");
        if (callSid == null || !CALL_STATUSES.contains(status)) {
            return Twiml.response().toXml(); // not a call or a status Bella knows: nothing to record
        }
        String outcomeIfNone = switch (status) {
            case "completed" -> "abandoned";
            case "busy", "no-answer", "canceled" -> "abandoned";
            case "failed" -> "failed";
            default -> null;
        };
        try (Connection c = transaction()) {
            Optional<CallStore.Session> session = store.lock(c, callSid);
            store.recordStatus(c, callSid, status, outcomeIfNone);
            boolean endedMidFlow = session.isPresent() && session.get().outcome() == null && outcomeIfNone != null;
            if (endedMidFlow) {
                // the dialogue did not finish the call: the caller hung up (or the call failed) mid-flow
                Map<String, Object> ended = callEvent(session.get().state(), outcomeIfNone);
                Integer seconds = seconds(p.get("CallDuration"));
                if (seconds != null) {
                    ended.put("durationSeconds", seconds);
                }
                events.append(c, EventType.CALL_ENDED, callSid, ended);
            }
            c.commit();
        } catch (SQLException e) {
            if (!CallPathDatabase.unreachable(e)) {
                throw e;
            }
            // the database is down: a call Bella answered meanwhile was journaled for a callback and ends as one when
            // the journal is replayed; this status is not kept (Twilio does not resend it)
            LOG.warn("call status {} not recorded: the database is unreachable", status);
        }
        return Twiml.response().toXml();
    }

    /** Spoken when a turn fails inside Bella: a polite goodbye instead of an error. */
    public String apology() {
        return Twiml.response().voice(voice).say("I'm sorry, something went wrong on our side. "
                + "Please call again in a few minutes, or we'll call you back. Goodbye.").hangup().toXml();
    }

    /** A turn for a call Bella has no state for: Twilio is sent to the start of the call again. */
    private static String startOver() {
        return Twiml.response().redirect("/twilio/voice").toXml();
    }

    /** The greeting another request stored for this call (written with its session, so it is there). */
    private String replayFirst(Connection c, String callSid) throws SQLException {
        LOG.info("replayed the greeting");
        return store.turn(c, callSid, 0).map(CallStore.Turn::twiml).orElseThrow();
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
        if ("whisper".equals(s.stt) && reply.input() == Reply.Input.SPEECH && speech.whisperHears(s.step)) {
            // the answer is recorded and transcribed; no recording (silence) falls through to the turn as silence
            return t.say(reply.spoken())
                    .record(RECORDED_PATH + "?n=" + (s.turn + 1), 15, 3, false, true)
                    .redirect(action)
                    .toXml();
        }
        // the keypad is always accepted (a caller may press keys anywhere); prompts offer it where it helps
        GatherSpec spec = GatherSpec.speechOrDtmf(action)
                .withActionOnEmptyResult(true)
                .withSpeechTimeout("auto")
                .withTimeout(6)
                .withLanguage("en-US");
        if (s.step == Step.CONFIRM || s.step == Step.CONFIRM_CANCEL || s.step == Step.OFFER_HELP) {
            spec = spec.withNumDigits(1); // 1 = yes, 2 = no
        }
        // Twilio's model for short answers and digit strings, its phone-call model for free speech (names, dates)
        boolean shortAnswer = s.step == Step.CONFIRM || s.step == Step.CONFIRM_CANCEL || s.step == Step.ASK_PHONE
                || s.step == Step.VERIFY_CODE || s.step == Step.OFFER_HELP;
        spec = spec.withSpeechModel(shortAnswer ? "numbers_and_commands" : "phone_call");
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

    /** The turn number of the action URL; a missing or malformed one (-1) is answered with the current question. */
    private static int turnNumber(String n) {
        return number(n, -1);
    }

    private static int number(String value, int otherwise) {
        try {
            return value == null ? otherwise : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static Map<String, Object> callEvent(CallState s, String outcome) {
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("callSid", s.callSid);
        if (s.from != null) {
            p.put("from", s.from);
        }
        p.put("step", s.step.name().toLowerCase(java.util.Locale.ROOT));
        if (outcome != null) {
            p.put("outcome", outcome);
        }
        return p;
    }

    /** A duration Twilio reported, within a day; anything else is unknown. */
    private static Integer seconds(String value) {
        int s = number(value, -1);
        return s >= 0 && s <= 86_400 ? s : null;
    }

    private static String callSid(Map<String, String> p) {
        String sid = p.get("CallSid");
        return isSid(sid) ? sid : null;
    }

    private static boolean isSid(String value) {
        return value != null && SID.matcher(value).matches();
    }
}
