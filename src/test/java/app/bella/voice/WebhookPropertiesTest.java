package app.bella.voice;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.BellaServer;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Property-based tests of the Twilio webhooks through a real Bella: random but correctly signed forms (speech in any
 * script, huge strings, digit runs, noise tags, odd turn numbers, NaN and negative confidences, missing fields, random
 * CallSids) always get HTTP 200 with TwiML whose root is {@code <Response>}, and never leave a half-written turn.
 */
class WebhookPropertiesTest {

    static final String TOKEN = "property-auth-token";
    static final String KEY = "test-admin-key-0123456789abcdef0123456789";
    static final List<String> PATHS = List.of("/twilio/voice", CallFlow.TURN_PATH, CallFlow.RECORDED_PATH, CallFlow.POLL_PATH,
            "/twilio/status", "/twilio/sms");
    static final AtomicInteger REQUESTS = new AtomicInteger();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static BellaServer bella;
    /** One connection for the checks after each try (opening one per check would dominate the run time). */
    static Connection db;

    @BeforeContainer
    static void start() throws Exception {
        bella = BellaServer.start(Map.of(
                "bella.clock", "2025-10-08T10:00:00-06:00",
                "bella.timezone", "America/Edmonton",
                "bella.twilio.auth-token", TOKEN,
                "bella.api.bootstrap-api-key", KEY,
                "bella.voice.transfer-number", "+15875550000"));
        db = bella.jdbc();
    }

    @AfterContainer
    static void stop() throws Exception {
        System.out.println("WebhookPropertiesTest: " + REQUESTS.get() + " signed webhook requests");
        if (db != null) {
            db.close();
        }
        if (bella != null) {
            bella.close();
        }
    }

    /** One turn of a random call: what the caller said or typed, and how Twilio's request looks. */
    record Turn(String speech, String digits, String confidence, String oddTurnNumber) {
    }

    // ------------------------------------------------------------------------------------------------ properties

    /** A whole call of random turns, following Bella's action URLs (or not): every answer is TwiML, nothing half-done. */
    @Property(tries = 30)
    void aCallOfRandomTurnsIsAlwaysAnsweredWithTwiml(@ForAll("callSids") String callSid, @ForAll("callerIds") String from,
                                                      @ForAll("turns") List<Turn> turns) throws Exception {
        Map<String, String> call = new LinkedHashMap<>();
        call.put("CallSid", callSid);
        if (from != null) {
            call.put("From", from);
        }
        String action = nextAction(twiml(post("/twilio/voice", call)));
        for (Turn t : turns) {
            Map<String, String> form = new LinkedHashMap<>(call);
            putIfPresent(form, "SpeechResult", t.speech());
            putIfPresent(form, "Digits", t.digits());
            putIfPresent(form, "Confidence", t.confidence());
            String path = t.oddTurnNumber() != null ? CallFlow.TURN_PATH + "?n=" + enc(t.oddTurnNumber())
                    : action != null ? action : CallFlow.TURN_PATH + "?n=1";
            String next = nextAction(twiml(post(path, form)));
            if (next != null) {
                action = next;
            }
        }
        assertConsistent(callSid);
    }

    /** Any of the six webhooks with a random form and query: always 200 and TwiML. */
    @Property(tries = 75)
    void everyWebhookAnswersAnyRandomSignedFormWithTwiml(@ForAll("paths") String path, @ForAll("queries") String query,
                                                          @ForAll("forms") Map<String, String> form) throws Exception {
        twiml(post(path + query, form));
        String callSid = form.get("CallSid");
        if (callSid != null && callSid.matches("[A-Za-z0-9]{2,64}")) {
            assertConsistent(callSid);
        }
    }

    // ------------------------------------------------------------------------------------------------ generators

    @Provide
    Arbitrary<String> callSids() {
        return Arbitraries.strings().withChars("0123456789abcdef").ofLength(32).map(hex -> "CA" + hex);
    }

    @Provide
    Arbitrary<String> callerIds() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(2_000_000, 9_999_999).map(n -> "+1587" + n)),
                Tuple.of(1, Arbitraries.of("anonymous", "+266696687", "", "client:alice", "sip:bob@example.com")),
                Tuple.of(1, text()),
                Tuple.of(1, Arbitraries.just(null)));
    }

    @Provide
    Arbitrary<List<Turn>> turns() {
        return turn().list().ofMinSize(1).ofMaxSize(6);
    }

    Arbitrary<Turn> turn() {
        Arbitrary<String> odd = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(null)),
                Tuple.of(1, Arbitraries.of("", "abc", "-1", "0", "1.5", "99999999999", "2147483647", "1e3", " 2", "%00")),
                Tuple.of(1, Arbitraries.integers().between(-5, 40).map(String::valueOf)));
        return Combinators.combine(speech(), digits(), confidence(), odd).as(Turn::new);
    }

    Arbitrary<String> speech() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("John Smith", "my name is Sarah Johnson", "tomorrow at 2 pm", "yes", "no", "yes please",
                        "next Thursday at 10 AM", "Friday", "the second one", "cancel my appointment", "when is my appointment?",
                        "I need to reschedule", "never mind", "my number is 416 555 1234", "one two three four five six",
                        "[noise]", "<unk>", "um uh hmm", "...", "¿qué?", "名前は田中です", "Zoë O'Brien-Łukasz 🙂",
                        "my number is 12345678901234", "at 99 o'clock on the 45th", "book a cleaning", "the time")),
                Tuple.of(3, text()),
                Tuple.of(2, Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(40)),
                Tuple.of(1, Arbitraries.strings().alpha().withChars(' ').ofMinLength(500).ofMaxLength(7_000)),
                Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(9_000).ofMaxLength(12_000)), // over Vert.x's 8 KB field
                Tuple.of(3, Arbitraries.just(null)));
    }

    Arbitrary<String> digits() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(null)),
                Tuple.of(2, Arbitraries.strings().withChars("0123456789*#").ofMinLength(1).ofMaxLength(20)),
                Tuple.of(1, Arbitraries.strings().numeric().ofMinLength(20).ofMaxLength(400)),
                Tuple.of(1, text()));
    }

    Arbitrary<String> confidence() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.doubles().between(0, 1).map(String::valueOf)),
                Tuple.of(2, Arbitraries.of("NaN", "-1", "-0.5", "Infinity", "-Infinity", "1e309", "2", "abc", "", "0x1p3")),
                Tuple.of(2, Arbitraries.just(null)));
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of(PATHS);
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(-3, 35).map(String::valueOf)),
                Tuple.of(1, Arbitraries.of("", "x", "1.5", "99999999999", "NaN")),
                Tuple.of(1, text().map(WebhookPropertiesTest::enc)));
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just("")),
                Tuple.of(3, value.map(n -> "?n=" + n)),
                Tuple.of(2, Combinators.combine(value, value).as((n, t) -> "?n=" + n + "&t=" + t)));
    }

    @Provide
    Arbitrary<Map<String, String>> forms() {
        List<String> twilioNames = List.of("CallSid", "From", "To", "SpeechResult", "Digits", "Confidence", "CallStatus",
                "CallDuration", "RecordingSid", "RecordingUrl", "RecordingDuration", "MessageSid", "Body");
        Arbitrary<String> keys = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(twilioNames)),
                // extra fields in lower case and never a Twilio name in another case ("to" beside "To"): Vert.x's form
                // map does not keep two names that differ only in case apart, and Twilio never sends such pairs, so
                // the signature would not match
                Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12)
                        .filter(extra -> twilioNames.stream().noneMatch(extra::equalsIgnoreCase))));
        Arbitrary<String> values = Arbitraries.frequencyOf(
                Tuple.of(3, speech().filter(v -> v != null)),
                Tuple.of(2, callSids()),
                Tuple.of(1, Arbitraries.of("RE" + "0".repeat(32), "https://api.twilio.com/2010-04-01/Recordings/RE1",
                        "http://169.254.169.254/latest", "completed", "in-progress", "busy", "-7", "ringing", "X", "C", "R")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(3_000).map(WebhookPropertiesTest::wellFormed)));
        return Arbitraries.maps(keys, values).ofMaxSize(8);
    }

    /** Any text: every script, emoji, control characters (as Twilio can carry them: well-formed UTF-8). */
    static Arbitrary<String> text() {
        return Arbitraries.strings().all().ofMaxLength(200).map(WebhookPropertiesTest::wellFormed);
    }

    // ------------------------------------------------------------------------------------------------ checks

    /** HTTP 200, text/xml, and a document whose root is {@code <Response>}. */
    static Document twiml(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(r.body())));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("Response");
        return doc;
    }

    /** The state, the transcript and the published events agree, and a booking exists only with a booked call. */
    static void assertConsistent(String callSid) throws Exception {
        Connection c = db;
        Map<String, Object> row = one(c, "SELECT s.turn, s.outcome, s.appointment_id, "
                + "(SELECT coalesce(max(t.turn), -1) FROM call_turn t WHERE t.call_sid = s.call_sid) AS last_turn, "
                + "(SELECT count(*) FROM call_turn t WHERE t.call_sid = s.call_sid AND t.turn > 0) AS turns, "
                + "(SELECT count(*) FROM outbox_event e WHERE e.type = 'call.turn' AND e.event_key = s.call_sid) AS turn_events "
                + "FROM call_session s WHERE s.call_sid = ?", callSid);
        Map<String, Object> booked = one(c, "SELECT count(*) AS n, min(id) AS id FROM appointment WHERE call_sid = ?", callSid);
        if (row == null) {
            assertThat(((Number) booked.get("n")).longValue()).as("no booking without a call").isZero();
            return;
        }
        assertThat(((Number) row.get("turn")).intValue()).as("state and transcript agree").isEqualTo(((Number) row.get("last_turn")).intValue());
        assertThat(((Number) row.get("turns")).longValue()).as("one call.turn event per answered turn")
                .isEqualTo(((Number) row.get("turn_events")).longValue());
        long bookings = ((Number) booked.get("n")).longValue();
        assertThat(bookings).as("at most one booking per call").isLessThanOrEqualTo(1);
        if (bookings == 1) {
            assertThat(row.get("outcome")).as("a booking only with a call that ended booked").isEqualTo("booked");
            assertThat(((Number) row.get("appointment_id")).longValue()).isEqualTo(((Number) booked.get("id")).longValue());
        }
    }

    private static Map<String, Object> one(Connection c, String sql, String param) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                return row;
            }
        }
    }

    /** The next action URL Bella asks Twilio to post to (Gather, Record or Redirect), or null when the call ended. */
    static String nextAction(Document doc) {
        for (String verb : List.of("Gather", "Record")) {
            NodeList nodes = doc.getElementsByTagName(verb);
            if (nodes.getLength() > 0) {
                return ((Element) nodes.item(0)).getAttribute("action");
            }
        }
        NodeList redirect = doc.getElementsByTagName("Redirect");
        return redirect.getLength() > 0 ? redirect.item(0).getTextContent().strip() : null;
    }

    /** A form POST signed as Twilio signs it (the full URL plus the sorted parameters). */
    static HttpResponse<String> post(String pathAndQuery, Map<String, String> params) throws Exception {
        REQUESTS.incrementAndGet();
        String url = bella.baseUrl() + pathAndQuery;
        String form = params.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", TwilioSignature.compute(TOKEN, url, params))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void putIfPresent(Map<String, String> form, String key, String value) {
        if (value != null) {
            form.put(key, value);
        }
    }

    static String wellFormed(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
