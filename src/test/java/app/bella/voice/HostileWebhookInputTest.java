package app.bella.voice;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.BellaServer;
import app.bella.testing.TwilioCaller;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * Hostile but correctly signed input on the Twilio webhooks is answered with HTTP 200 and valid TwiML that asks again
 * (Twilio hangs up on a 4xx/5xx), and a turn that fails leaves nothing half-written.
 */
class HostileWebhookInputTest {

    static final String TOKEN = "hostile-auth-token";
    static final String KEY = "test-admin-key-0123456789abcdef0123456789";
    static final AtomicInteger PHONES = new AtomicInteger(4000);
    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        bella = BellaServer.start(Map.of(
                "bella.clock", "2025-10-08T10:00:00-06:00",
                "bella.timezone", "America/Edmonton",
                "bella.twilio.auth-token", TOKEN,
                "bella.api.bootstrap-api-key", KEY));
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
    }

    static TwilioCaller call() throws Exception {
        return new TwilioCaller(bella.baseUrl(), TOKEN, "+1587558" + PHONES.incrementAndGet()).dial();
    }

    static Document twiml(TwilioCaller.Exchange e) throws Exception {
        assertThat(e.status()).as(e.body()).isEqualTo(200);
        assertThat(e.contentType()).startsWith("text/xml");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(e.body())));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("Response");
        return doc;
    }

    /** The answer asks again: a Gather, no hang-up. */
    static void reAsks(TwilioCaller.Exchange e) throws Exception {
        Document doc = twiml(e);
        assertThat(doc.getElementsByTagName("Gather").getLength()).as(e.body()).isEqualTo(1);
        assertThat(doc.getElementsByTagName("Hangup").getLength()).as(e.body()).isZero();
    }

    @Test
    void aFourteenDigitNumberIsAskedAgain() throws Exception {
        TwilioCaller c = call().say("Nora Digits");
        String action = c.currentAction();
        reAsks(c.post(action, Map.of("SpeechResult", "my number is 12345678901234", "Confidence", "0.9")));
        TwilioCaller d = call().say("Omar Keys");
        reAsks(d.post(d.currentAction(), Map.of("Digits", "12345678901234567890")));
    }

    @Test
    void aMalformedTurnNumberGetsTheCurrentQuestion() throws Exception {
        TwilioCaller c = call();
        for (String n : new String[] {"abc", "", "-1", "99999999999", "1.5", "%00", "2147483647"}) {
            reAsks(c.post(CallFlow.TURN_PATH + "?n=" + n, Map.of("SpeechResult", "Ada Lovelace", "Confidence", "0.9")));
        }
        reAsks(c.post(CallFlow.TURN_PATH, Map.of("SpeechResult", "Ada Lovelace")));
        c.say("Ada Lovelace");
        assertThat(c.lastPrompt()).contains("Ada Lovelace");
    }

    @Test
    void oversizedSpeechIsAskedAgainAndStoredCapped() throws Exception {
        TwilioCaller c = call();
        reAsks(c.post(c.currentAction(), Map.of("SpeechResult", "blah ".repeat(1_500), "Confidence", "0.5")));
        assertThat(longestSaid(c.callSid)).isPositive().isLessThanOrEqualTo(CallFlow.MAX_SPEECH_CHARS);
    }

    @Test
    void speechLargerThanAFormFieldMayBeIsSentBackAsTheSameTurn() throws Exception {
        TwilioCaller c = call();
        String action = c.currentAction();
        // Vert.x refuses a form field over 8 KB before any route sees it: Twilio is told to post the turn again
        Document doc = twiml(c.post(action, Map.of("SpeechResult", "blah ".repeat(40_000), "Confidence", "0.5")));
        assertThat(doc.getElementsByTagName("Redirect").item(0).getTextContent()).isEqualTo(action);
        reAsks(c.post(action, Map.of())); // Twilio's redirect carries the call's standard fields only: heard as silence
        assertThat(c.last.body()).contains("didn&apos;t hear");
    }

    static int longestSaid(String callSid) throws Exception {
        try (Connection conn = bella.jdbc(); Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(length(said)), 0) FROM call_turn WHERE call_sid = '" + callSid + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void oddConfidencesAndControlCharactersAreHarmless() throws Exception {
        for (String confidence : new String[] {"NaN", "-1", "Infinity", "-Infinity", "1e309", "abc", ""}) {
            TwilioCaller c = call();
            reAsksOrMovesOn(c.post(c.currentAction(), Map.of("SpeechResult", "Zed\u0000 Null\u0001", "Confidence", confidence)));
        }
    }

    @Test
    void everyWebhookAnswersTwimlForMissingAndOddFields() throws Exception {
        TwilioCaller c = call();
        for (String path : new String[] {"/twilio/voice", CallFlow.TURN_PATH + "?n=1", CallFlow.RECORDED_PATH + "?n=1",
                CallFlow.POLL_PATH + "?n=1&t=x", "/twilio/status", "/twilio/sms"}) {
            Map<String, String> odd = new LinkedHashMap<>();
            odd.put("CallSid", "");
            twiml(c.post(path, odd));
            odd.put("CallSid", "x".repeat(5000));
            twiml(c.post(path, odd));
            odd.put("CallSid", "CA" + "f".repeat(32)); // a call Bella never saw
            odd.put("CallStatus", "z".repeat(3000));
            odd.put("RecordingDuration", "-5");
            twiml(c.post(path, odd));
        }
        reAsks(c.post(CallFlow.RECORDED_PATH + "?n=1", Map.of())); // a recording webhook without the recording
        reAsks(c.post(CallFlow.POLL_PATH + "?n=1&t=abc", Map.of()));
    }

    static void reAsksOrMovesOn(TwilioCaller.Exchange e) throws Exception {
        Document doc = twiml(e);
        assertThat(doc.getElementsByTagName("Gather").getLength()).as(e.body()).isEqualTo(1);
    }
}
