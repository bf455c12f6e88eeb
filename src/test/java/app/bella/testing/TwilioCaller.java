package app.bella.testing;

import app.bella.voice.TwilioSignature;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Plays a phone call against Bella the way Twilio does: signed form POSTs, following the TwiML that comes back
 * (Say, Gather, Redirect, Hangup, Dial) and answering each Gather with the next scripted speech or digits.
 */
public final class TwilioCaller {

    /** One scripted answer: speech, keypad digits, or silence (both null). */
    public record Answer(String speech, String digits) {
        public static Answer say(String speech) {
            return new Answer(speech, null);
        }

        public static Answer press(String digits) {
            return new Answer(null, digits);
        }

        public static Answer silence() {
            return new Answer(null, null);
        }
    }

    /** The last HTTP exchange, for assertions on status, headers and raw TwiML. */
    public record Exchange(int status, String contentType, String body) {
    }

    private String baseUrl;
    private final String authToken;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    public final String callSid = "CA" + UUID.randomUUID().toString().replace("-", "");
    public final String from;
    public final List<String> heard = new ArrayList<>();
    public String ended;
    public Exchange last;
    private String nextAction;
    private String gatherInput = "";

    public TwilioCaller(String baseUrl, String authToken, String from) {
        this.baseUrl = baseUrl;
        this.authToken = authToken;
        this.from = from;
    }

    /** Continues the call against another instance (a restarted service, or another node behind the balancer). */
    public TwilioCaller via(String newBaseUrl) {
        this.baseUrl = newBaseUrl;
        return this;
    }

    /** Rings: posts the incoming-call webhook and reads the greeting. */
    public TwilioCaller dial() throws Exception {
        follow(post("/twilio/voice", Map.of("CallStatus", "ringing")));
        return this;
    }

    /** Answers the current Gather. */
    public TwilioCaller answer(Answer a) throws Exception {
        if (nextAction == null) {
            throw new IllegalStateException("Bella is not asking anything (ended=" + ended + ", heard=" + heard + ")");
        }
        Map<String, String> extra = new LinkedHashMap<>();
        if (a.speech() != null) {
            extra.put("SpeechResult", a.speech());
            extra.put("Confidence", "0.91");
        } else if (a.digits() != null) {
            extra.put("Digits", a.digits());
        }
        follow(post(nextAction, extra));
        return this;
    }

    /** Answers a Record: Twilio posts where it stored the recording. */
    public TwilioCaller recorded(String recordingSid, String recordingUrl, int seconds) throws Exception {
        if (nextAction == null || !"record".equals(gatherInput)) {
            throw new IllegalStateException("Bella is not recording (input=" + gatherInput + ", ended=" + ended + ", heard="
                    + heard + ")");
        }
        follow(post(nextAction, Map.of("RecordingSid", recordingSid, "RecordingUrl", recordingUrl,
                "RecordingDuration", String.valueOf(seconds))));
        return this;
    }

    public TwilioCaller say(String... utterances) throws Exception {
        for (String u : utterances) {
            answer(Answer.say(u));
        }
        return this;
    }

    /** The exact request of the last turn again, as Twilio retries it. */
    public Exchange replay(String path, Map<String, String> extra) throws Exception {
        return post(path, extra);
    }

    public String lastPrompt() {
        return heard.isEmpty() ? "" : heard.get(heard.size() - 1);
    }

    public String currentAction() {
        return nextAction;
    }

    public String gatherInput() {
        return gatherInput;
    }

    /** Signed POST of Twilio's standard parameters plus {@code extra}. */
    public Exchange post(String path, Map<String, String> extra) throws Exception {
        return post(path, extra, true);
    }

    public Exchange post(String path, Map<String, String> extra, boolean sign) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", "AC" + "0".repeat(32));
        params.put("CallSid", callSid);
        params.put("From", from);
        params.put("Caller", from);
        params.put("To", "+15875550100");
        params.put("Direction", "inbound");
        params.put("CallStatus", "in-progress");
        params.putAll(extra);
        String form = params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (sign) {
            req.header("X-Twilio-Signature", TwilioSignature.compute(authToken, baseUrl + path, params));
        }
        HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        last = new Exchange(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        return last;
    }

    private void follow(Exchange e) throws Exception {
        nextAction = null;
        gatherInput = ""; // set again by the Gather or Record of this answer, if any: an ended call has no input

        if (e.status() != 200) {
            ended = "error " + e.status();
            return;
        }
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(e.body())));
        for (Node n = doc.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element verb)) {
                continue;
            }
            switch (verb.getTagName()) {
                case "Say" -> heard.add(verb.getTextContent().strip());
                case "Gather" -> {
                    heard.add(verb.getTextContent().strip());
                    nextAction = verb.getAttribute("action");
                    gatherInput = verb.getAttribute("input");
                    return;
                }
                case "Record" -> {
                    nextAction = verb.getAttribute("action");
                    gatherInput = "record";
                    return;
                }
                case "Redirect" -> {
                    follow(post(verb.getTextContent().strip(), Map.of()));
                    return;
                }
                case "Hangup" -> {
                    ended = "hangup";
                    return;
                }
                case "Dial" -> {
                    ended = "dial " + verb.getTextContent().strip();
                    return;
                }
                default -> {
                    // Pause and friends: nothing to do for a simulated caller
                }
            }
        }
        ended = "end-of-twiml";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
