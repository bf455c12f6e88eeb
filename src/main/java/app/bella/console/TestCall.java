package app.bella.console;

import app.bella.voice.TwilioSignature;
import java.io.IOException;
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
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A test call through Bella's real webhooks: form POSTs signed exactly as Twilio signs them, following the TwiML
 * that comes back. Each request carries {@link #MARKER}=true, covered by the signature, so the call is stored as a
 * test call (left out of business metrics and costs). Used by the console's "Test call" panel and {@code bella call}.
 */
public final class TestCall {

    /** The signed form parameter that marks a test call; Twilio never sends it. */
    public static final String MARKER = app.bella.voice.CallFlow.TEST_CALL_PARAM;
    public static final String DEFAULT_FROM = "+15875550199";

    /** What one step of the call produced: what Bella said, where the next answer goes (null: call over). */
    public record Step(String callSid, List<String> heard, String action, String input, String ended) {
    }

    private final String targetBase;
    private final String signingBase;
    private final String authToken;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param targetBase  where the requests go, e.g. http://127.0.0.1:8080
     * @param signingBase the base URL Bella checks signatures against (BELLA_PUBLIC_URL when set, else targetBase)
     */
    public TestCall(String targetBase, String signingBase, String authToken) {
        this.targetBase = strip(targetBase);
        this.signingBase = signingBase == null || signingBase.isBlank() ? this.targetBase : strip(signingBase);
        this.authToken = authToken == null ? "" : authToken;
    }

    public static String newCallSid() {
        return "CAtest" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
    }

    /** Rings: the incoming-call webhook. */
    public Step dial(String callSid, String from) throws IOException, InterruptedException {
        return follow(callSid, from, "/twilio/voice", Map.of("CallStatus", "ringing"), new ArrayList<>(), 0);
    }

    /** Answers the question whose action is {@code action} with speech or keypad digits (both null: silence). */
    public Step answer(String callSid, String from, String action, String speech, String digits)
            throws IOException, InterruptedException {
        if (action == null || !action.startsWith("/twilio/voice/")) {
            throw new IllegalArgumentException("The call is not waiting for an answer");
        }
        Map<String, String> extra = new LinkedHashMap<>();
        if (speech != null && !speech.isBlank()) {
            extra.put("SpeechResult", speech.strip());
            extra.put("Confidence", "0.95");
        } else if (digits != null && !digits.isBlank()) {
            extra.put("Digits", digits.strip());
        }
        return follow(callSid, from, action, extra, new ArrayList<>(), 0);
    }

    /** Tells Bella the call ended (the status callback), so it is not left "in progress". */
    public void hangUp(String callSid, String from) throws IOException, InterruptedException {
        post(callSid, from, "/twilio/status", Map.of("CallStatus", "completed", "CallDuration", "30"));
    }

    private Step follow(String callSid, String from, String path, Map<String, String> extra, List<String> heard, int hops)
            throws IOException, InterruptedException {
        HttpResponse<String> r = post(callSid, from, path, extra);
        if (r.statusCode() != 200) {
            String why = r.statusCode() == 403 ? "Bella refused the signature (is TWILIO_AUTH_TOKEN the same on both sides, "
                    + "and BELLA_PUBLIC_URL the address Bella is reached at?)" : "HTTP " + r.statusCode();
            return new Step(callSid, heard, null, null, why);
        }
        Document doc = parse(r.body());
        for (Node n = doc.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element verb)) {
                continue;
            }
            switch (verb.getTagName()) {
                case "Say" -> heard.add(verb.getTextContent().strip());
                case "Gather" -> {
                    String prompt = verb.getTextContent().strip();
                    if (!prompt.isEmpty()) {
                        heard.add(prompt);
                    }
                    return new Step(callSid, heard, verb.getAttribute("action"), verb.getAttribute("input"), null);
                }
                case "Record" -> {
                    return new Step(callSid, heard, null, "record",
                            "Bella asked for a recording (Whisper); test calls answer with text, so use BELLA_STT=twilio");
                }
                case "Redirect" -> {
                    if (hops > 20) {
                        return new Step(callSid, heard, null, null, "too many redirects");
                    }
                    return follow(callSid, from, verb.getTextContent().strip(), Map.of(), heard, hops + 1);
                }
                case "Hangup" -> {
                    return new Step(callSid, heard, null, null, "hangup");
                }
                case "Dial" -> {
                    return new Step(callSid, heard, null, null, "transferred");
                }
                default -> {
                    // Pause: nothing to do for a simulated caller
                }
            }
        }
        return new Step(callSid, heard, null, null, "end of TwiML");
    }

    private HttpResponse<String> post(String callSid, String from, String path, Map<String, String> extra)
            throws IOException, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", "AC" + "0".repeat(32));
        params.put("CallSid", callSid);
        params.put("From", from);
        params.put("Caller", from);
        params.put("To", "+15875550100");
        params.put("Direction", "inbound");
        params.put("CallStatus", "in-progress");
        params.put(MARKER, "true");
        params.putAll(extra);
        String form = params.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(targetBase + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", TwilioSignature.compute(authToken, signingBase + path, params))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Document parse(String xml) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("Bella did not answer with TwiML: " + e.getMessage(), e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String strip(String base) {
        return base.replaceAll("/+$", "");
    }
}
