package app.bella.voice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small fluent builder for TwiML responses. Every text and attribute value is XML-escaped,
 * because callers' own words (names, spoken input) are echoed back in {@code <Say>}.
 *
 * <pre>{@code
 * String xml = Twiml.response().voice("Polly.Joanna")
 *         .gather(GatherSpec.speech("/voice/turn"), "What day works for you?")
 *         .redirect("/voice/no-input")
 *         .toXml();
 * }</pre>
 *
 * The voice and language apply to every {@code <Say>}, including those nested in a
 * {@code <Gather>}, whenever they are set. Not thread-safe; build one per response.
 */
public final class Twiml {

    public static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    public static final String DEFAULT_LANGUAGE = "en-US";

    private final List<Verb> verbs = new ArrayList<>();
    private String voice;
    private String language = DEFAULT_LANGUAGE;

    private Twiml() {
    }

    public static Twiml response() {
        return new Twiml();
    }

    /** Twilio voice for every {@code <Say>}, e.g. {@code "Polly.Joanna"}; null uses Twilio's default. */
    public Twiml voice(String newVoice) {
        this.voice = newVoice;
        return this;
    }

    /** Language for every {@code <Say>}; defaults to en-US; null omits the attribute. */
    public Twiml language(String newLanguage) {
        this.language = newLanguage;
        return this;
    }

    public Twiml say(String text) {
        Objects.requireNonNull(text, "text");
        verbs.add(out -> sayElement(out, text));
        return this;
    }

    /** A {@code <Gather>} with the prompt spoken inside it, so the caller can barge in. */
    public Twiml gather(GatherSpec spec, String promptText) {
        Objects.requireNonNull(spec, "spec");
        verbs.add(out -> {
            Map<String, Object> attrs = new LinkedHashMap<>();
            attrs.put("input", spec.input());
            attrs.put("action", spec.action());
            attrs.put("method", spec.method());
            attrs.put("timeout", spec.timeout());
            attrs.put("speechTimeout", spec.speechTimeout());
            attrs.put("numDigits", spec.numDigits());
            attrs.put("finishOnKey", spec.finishOnKey());
            attrs.put("hints", spec.hints());
            attrs.put("language", spec.language());
            attrs.put("speechModel", spec.speechModel());
            attrs.put("actionOnEmptyResult", spec.actionOnEmptyResult());
            if (promptText == null || promptText.isEmpty()) {
                element(out, "Gather", attrs, null);
            } else {
                open(out, "Gather", attrs);
                sayElement(out, promptText);
                out.append("</Gather>");
            }
        });
        return this;
    }

    /** Records the caller (e.g. a voicemail); {@code trim} removes leading and trailing silence. */
    public Twiml record(String action, int maxLength, int timeout, boolean playBeep, boolean trim) {
        Objects.requireNonNull(action, "action");
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("action", action);
        attrs.put("method", "POST");
        attrs.put("maxLength", maxLength);
        attrs.put("timeout", timeout);
        attrs.put("playBeep", playBeep);
        attrs.put("trim", trim ? "trim-silence" : "do-not-trim");
        verbs.add(out -> element(out, "Record", attrs, null));
        return this;
    }

    public Twiml pause(int seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("pause must be at least 1 second, was " + seconds);
        }
        Map<String, Object> attrs = Map.of("length", seconds);
        verbs.add(out -> element(out, "Pause", attrs, null));
        return this;
    }

    public Twiml redirect(String url) {
        Objects.requireNonNull(url, "url");
        Map<String, Object> attrs = Map.of("method", "POST");
        verbs.add(out -> element(out, "Redirect", attrs, url));
        return this;
    }

    /** Connects the caller to {@code number}; {@code callerId} may be null to use Twilio's default. */
    public Twiml dial(String number, String callerId, int timeoutSeconds) {
        Objects.requireNonNull(number, "number");
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("callerId", callerId);
        attrs.put("timeout", timeoutSeconds);
        verbs.add(out -> element(out, "Dial", attrs, number));
        return this;
    }

    public Twiml hangup() {
        verbs.add(out -> out.append("<Hangup/>"));
        return this;
    }

    /** The complete document; nothing precedes the XML declaration, as Twilio requires. */
    public String toXml() {
        StringBuilder out = new StringBuilder(DECLARATION).append("<Response>");
        for (Verb verb : verbs) {
            verb.render(out);
        }
        return out.append("</Response>").toString();
    }

    @Override
    public String toString() {
        return toXml();
    }

    private void sayElement(StringBuilder out, String text) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("voice", voice);
        attrs.put("language", language);
        element(out, "Say", attrs, text);
    }

    private static void element(StringBuilder out, String name, Map<String, Object> attrs, String text) {
        if (text == null) {
            out.append('<').append(name);
            attributes(out, attrs);
            out.append("/>");
        } else {
            open(out, name, attrs);
            out.append(escape(text)).append("</").append(name).append('>');
        }
    }

    private static void open(StringBuilder out, String name, Map<String, Object> attrs) {
        out.append('<').append(name);
        attributes(out, attrs);
        out.append('>');
    }

    private static void attributes(StringBuilder out, Map<String, Object> attrs) {
        attrs.forEach((key, value) -> {
            if (value != null) {
                out.append(' ').append(key).append("=\"").append(escape(String.valueOf(value))).append('"');
            }
        });
    }

    /**
     * Escapes the five XML special characters and drops characters XML 1.0 forbids (control
     * characters from odd caller input would otherwise make Twilio reject the whole document).
     */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (isXmlChar(c)) {
                        out.append(c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i)); // keep valid pairs (emoji etc.)
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean isXmlChar(char c) {
        return c == '\t' || c == '\n' || c == '\r'
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD);
    }

    @FunctionalInterface
    private interface Verb {
        void render(StringBuilder out);
    }
}
