package app.bella.load;

import app.bella.voice.TwilioSignature;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * One simulated phone call as Twilio plays it: the load generator asks {@link #start()} for the first webhook, posts
 * it, hands Bella's TwiML to {@link #follow(String)} and posts whatever comes back, until the call ends. The caller
 * answers what Bella asks (name, day and time, yes, what they called about), so the conversation survives offers of
 * other times and re-prompts. {@code <Gather>} is answered with {@code SpeechResult}; {@code <Record>} with a recording
 * whose URL points at {@link SaasFakes}, which serves audio that names what was said and transcribes it back.
 * Not thread-safe: one per call.
 */
public final class Conversation {

    /** Who is calling and why. Returning, reschedule and cancel callers need a seeded customer with an appointment. */
    public enum Kind {
        NEW, RETURNING, RESCHEDULE, CANCEL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The next webhook to post: a request name for the report, the path with query, its form fields, its signature. */
    public record Step(String label, String pathAndQuery, Map<String, String> params, String signature, long pauseMs) {
    }

    public static final String ACCOUNT_SID = "AC" + "0".repeat(32);
    static final int MAX_REQUESTS = 40;
    /** Holds of one call (Bella holds a request at most max-holds times in a row, 8 by default). */
    static final int MAX_HOLDS = 200;
    private static final String[] FIRST = {"John", "Mia", "Grace", "Carl", "Dana", "Omar", "Priya", "Lucas", "Emma",
        "Noah", "Olivia", "Liam", "Ava", "Ethan", "Sofia", "Mason", "Chloe", "Logan", "Zoe", "Henry"};
    private static final String[] LAST = {"Smith", "Wong", "Hopper", "Sagan", "Scully", "Haddad", "Patel", "Martin",
        "Brown", "Nguyen", "Garcia", "Wilson", "Taylor", "Clark", "Lewis", "Walker", "Young", "King", "Wright", "Scott"};

    private final Kind kind;
    private final String callSid = "CA" + HexFormat.of().formatHex(randomBytes(16));
    private final String from;
    private final String name;
    private final String authToken;
    private final String signingBase;
    private final String mediaBase;
    private final Settings settings;
    private String whenPhrase;
    private int requests;
    private int holds;
    private int timeAsked;
    private final List<String> heard = new ArrayList<>();
    private String ended;

    /** What the caller may say: dates within {@code firstDay .. firstDay + days}, times between open and close. */
    public record Settings(LocalDate firstDay, int days, LocalTime open, LocalTime close, boolean honourPauses) {
        public static Settings defaults() {
            return new Settings(LocalDate.of(2025, 10, 9), 365, LocalTime.of(7, 0), LocalTime.of(21, 0), true);
        }
    }

    /**
     * @param signingBase the URL Bella rebuilds for the signature (its {@code BELLA_PUBLIC_URL}, or the base URL the
     *                    request goes to when none is set)
     * @param mediaBase   where {@link SaasFakes} serves recordings (the Whisper path); null when Bella only gathers
     */
    public Conversation(Kind kind, String from, String name, String authToken, String signingBase, String mediaBase,
                        Settings settings) {
        this.kind = kind;
        this.from = from;
        this.name = name != null ? name : randomName();
        this.authToken = authToken;
        this.signingBase = strip(signingBase);
        this.mediaBase = mediaBase == null ? null : strip(mediaBase);
        this.settings = settings;
        this.whenPhrase = randomWhen();
    }

    public Step start() {
        requests++;
        return step("call start", "/twilio/voice", Map.of("CallStatus", "ringing"), 0);
    }

    /** Reads Bella's answer; returns the next webhook, or null when the call is over (see {@link #ended()}). */
    public Step follow(String twiml) {
        Document doc;
        try {
            doc = parse(twiml);
        } catch (Exception e) {
            ended = "error: invalid TwiML";
            return null;
        }
        Element root = doc.getDocumentElement();
        if (!"Response".equals(root.getTagName())) {
            ended = "error: root <" + root.getTagName() + ">";
            return null;
        }
        StringBuilder said = new StringBuilder();
        long pauseMs = 0;
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element verb)) {
                continue;
            }
            switch (verb.getTagName()) {
                case "Say" -> said.append(' ').append(verb.getTextContent().strip());
                case "Pause" -> pauseMs += 1000L * intAttr(verb, "length", 1);
                case "Gather" -> {
                    said.append(' ').append(verb.getTextContent().strip());
                    return answer(verb, said.toString().strip(), true);
                }
                case "Record" -> {
                    return answer(verb, said.toString().strip(), false);
                }
                case "Redirect" -> {
                    String url = verb.getTextContent().strip();
                    // a hold under load comes back to the same request; Bella bounds holds itself (max-holds)
                    boolean hold = url.contains("hold=");
                    if (hold ? ++holds > MAX_HOLDS : ++requests > MAX_REQUESTS) {
                        ended = "loop";
                        return null;
                    }
                    String label = hold ? "hold" : url.contains("/poll") ? "poll" : "redirect";
                    return step(label, url, Map.of(), settings.honourPauses() ? pauseMs : 0);
                }
                case "Hangup", "Reject" -> {
                    heard.add(said.toString().strip());
                    ended = "hangup";
                    return null;
                }
                case "Dial" -> {
                    heard.add(said.toString().strip());
                    ended = "dial";
                    return null;
                }
                default -> {
                }
            }
        }
        heard.add(said.toString().strip());
        ended = "end-of-twiml";
        return null;
    }

    private Step answer(Element verb, String prompt, boolean gather) {
        heard.add(prompt);
        if (++requests > MAX_REQUESTS) {
            ended = "loop";
            return null;
        }
        String question = question(prompt);
        String reply = reply(prompt);
        String action = verb.getAttribute("action");
        Map<String, String> fields = new LinkedHashMap<>();
        String label;
        if (gather) {
            String input = verb.getAttribute("input").toLowerCase(Locale.ROOT);
            if (input.contains("speech") || input.isEmpty()) {
                fields.put("SpeechResult", reply);
                fields.put("Confidence", "0.92");
            } else {
                fields.put("Digits", reply.equals("yes") ? "1" : reply.replaceAll("\\D", ""));
            }
            label = "turn " + question;
        } else {
            String recordingSid = "RE" + HexFormat.of().formatHex(randomBytes(16));
            String base = mediaBase != null ? mediaBase : signingBase;
            fields.put("RecordingSid", recordingSid);
            fields.put("RecordingDuration", String.valueOf(Math.max(1, reply.split(" ").length / 2)));
            fields.put("RecordingUrl", base + "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Recordings/"
                    + SaasFakes.recordingName(recordingSid, reply));
            label = "recorded " + question;
        }
        return step(label, action, fields, 0);
    }

    /** What Bella asked, as a short name for the report (one line per question in Gatling's tables). */
    static String question(String prompt) {
        String p = prompt.toLowerCase(Locale.ROOT);
        if (p.contains("shall i cancel")) return "confirm-cancel";
        if (p.contains("keep it, move it or cancel it") || p.contains("keep your appointment, move")) return "keep-move-cancel";
        if (p.contains("is that correct") || p.contains("is that right") || p.contains("shall i book")) return "confirm";
        if (p.contains("work for you") || p.contains("which time would you like") || p.contains("nearest free")) return "choose-alternative";
        if (p.contains("book a new appointment, or change") || p.contains("you can say book")) return "ask-intent";
        if (p.contains("name")) return "ask-name";
        if (p.contains("phone number")) return "ask-phone";
        if (p.contains("which would you like")) return "ask-service";
        if (p.contains("day and time") || p.contains("what time on") || p.contains("other day")
                || p.contains("which day")) return "ask-time";
        if (p.contains("what should i change")) return "ask-change";
        if (p.contains("anything else")) return "anything-else";
        return "other";
    }

    /** What this caller says to that prompt. */
    String reply(String prompt) {
        switch (question(prompt)) {
            case "confirm-cancel", "confirm", "choose-alternative":
                return "yes";
            case "keep-move-cancel": // a caller with an upcoming appointment is greeted with it
                return switch (kind) {
                    case RESCHEDULE -> "move it";
                    case CANCEL -> "cancel it";
                    default -> "book another";
                };
            case "ask-intent":
                return switch (kind) {
                    case RESCHEDULE -> "I need to reschedule my appointment";
                    case CANCEL -> "I want to cancel my appointment";
                    default -> "I'd like to book an appointment " + whenPhrase;
                };
            case "ask-name":
                return prompt.toLowerCase(Locale.ROOT).contains("spell") ? spelled(name) : "my name is " + name;
            case "ask-phone":
                return String.join(" ", from.substring(2).split(""));
            case "ask-service":
                return "the first one";
            case "ask-time":
                if (timeAsked++ > 0) {
                    whenPhrase = randomWhen(); // the earlier wish could not be booked: another one
                }
                return whenPhrase;
            case "ask-change":
                return "the time";
            case "anything-else":
                return "no, that's all, thank you";
            default:
                return kind == Kind.NEW && requests <= 2 ? "my name is " + name : "yes";
        }
    }

    /** Did the call reach what the caller wanted (booked, moved, cancelled)? */
    public boolean succeeded() {
        if (!"hangup".equals(ended) || heard.isEmpty()) {
            return false;
        }
        String last = heard.get(heard.size() - 1);
        return switch (kind) {
            case NEW, RETURNING -> last.contains("You're all set");
            case RESCHEDULE -> last.contains("is now on") || last.contains("You're all set");
            case CANCEL -> last.contains("is cancelled");
        };
    }

    public String ended() {
        return ended;
    }

    public List<String> heard() {
        return heard;
    }

    public Kind kind() {
        return kind;
    }

    public String callSid() {
        return callSid;
    }

    public String from() {
        return from;
    }

    private Step step(String label, String pathAndQuery, Map<String, String> extra, long pauseMs) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", ACCOUNT_SID);
        params.put("CallSid", callSid);
        params.put("From", from);
        params.put("Caller", from);
        params.put("To", "+15875550100");
        params.put("Called", "+15875550100");
        params.put("Direction", "inbound");
        params.put("CallStatus", "in-progress");
        params.put("ApiVersion", "2010-04-01");
        params.putAll(extra);
        String signature = TwilioSignature.compute(authToken, signingBase + pathAndQuery, params);
        return new Step(label, pathAndQuery, params, signature, pauseMs);
    }

    private String randomWhen() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        LocalDate day = settings.firstDay().plusDays(r.nextInt(Math.max(1, settings.days())));
        int halfHours = (int) java.time.Duration.between(settings.open(), settings.close()).toMinutes() / 30;
        LocalTime time = settings.open().plusMinutes(30L * r.nextInt(Math.max(1, halfHours)));
        return whenPhrase(day, time, settings.firstDay());
    }

    /**
     * "March 3rd at 9:30 am"; a day more than nine months after {@code firstDay} is said with its year, as people do
     * (and as Bella needs: "August 5th" said in October is a day just past, not next year's).
     */
    static String whenPhrase(LocalDate day, LocalTime time, LocalDate firstDay) {
        boolean far = day.isAfter(firstDay.plusMonths(9));
        return day.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + ordinal(day.getDayOfMonth())
                + (far ? " " + day.getYear() : "") + " at " + spokenTime(time);
    }

    static String spokenTime(LocalTime t) {
        int h = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        String minutes = t.getMinute() == 0 ? "" : String.format(":%02d", t.getMinute());
        return h + minutes + (t.getHour() < 12 ? " am" : " pm");
    }

    static String ordinal(int d) {
        String suffix = (d % 100 >= 11 && d % 100 <= 13) ? "th"
                : switch (d % 10) { case 1 -> "st"; case 2 -> "nd"; case 3 -> "rd"; default -> "th"; };
        return d + suffix;
    }

    public static String randomName() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return FIRST[r.nextInt(FIRST.length)] + " " + LAST[r.nextInt(LAST.length)];
    }

    /** A valid North American number (Toronto area codes), random enough that runs do not meet each other. */
    public static String randomPhone() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "+1416" + (200 + r.nextInt(800)) + String.format("%04d", r.nextInt(10_000));
    }

    private static String spelled(String name) {
        return String.join(", ", java.util.Arrays.stream(name.split(" "))
                .map(w -> String.join(" ", w.toUpperCase(Locale.ROOT).split(""))).toList());
    }

    private static int intAttr(Element e, String name, int fallback) {
        try {
            return Integer.parseInt(e.getAttribute(name));
        } catch (NumberFormatException ex) {
            return fallback;
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static final ThreadLocal<DocumentBuilder> XML = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    });

    private static Document parse(String xml) throws Exception {
        DocumentBuilder builder = XML.get();
        builder.reset();
        return builder.parse(new InputSource(new StringReader(xml)));
    }

    static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
