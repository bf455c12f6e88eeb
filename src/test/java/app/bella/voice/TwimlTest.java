package app.bella.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class TwimlTest {

    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>";

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element first(Document doc, String tag) {
        return (Element) doc.getElementsByTagName(tag).item(0);
    }

    @Test
    void emptyResponseStartsWithTheDeclaration() {
        assertEquals(HEAD + "</Response>", Twiml.response().toXml());
    }

    @Test
    void sayUsesTheConfiguredVoiceAndLanguage() {
        String xml = Twiml.response().voice("Polly.Joanna").say("Hi, this is Bella.").toXml();
        assertEquals(HEAD + "<Say voice=\"Polly.Joanna\" language=\"en-US\">Hi, this is Bella.</Say></Response>", xml);
        assertEquals(HEAD + "<Say language=\"en-GB\">Hello</Say></Response>",
                Twiml.response().language("en-GB").say("Hello").toXml());
        assertEquals(HEAD + "<Say>Hello</Say></Response>", Twiml.response().language(null).say("Hello").toXml());
    }

    @Test
    void callerSuppliedTextIsEscapedAndTheDocumentParses() throws Exception {
        String name = "O'Brien & <Sons>";
        String xml = Twiml.response().voice("Polly.Joanna")
                .say("Thanks, " + name + ". \"Quoted\"")
                .redirect("/voice/turn?step=confirm&name=" + name)
                .toXml();
        assertTrue(xml.contains("Thanks, O&apos;Brien &amp; &lt;Sons&gt;. &quot;Quoted&quot;"), xml);
        assertFalse(xml.contains("<Sons>"));
        Document doc = parse(xml);
        assertEquals("Thanks, " + name + ". \"Quoted\"", first(doc, "Say").getTextContent());
        assertEquals("/voice/turn?step=confirm&name=" + name, first(doc, "Redirect").getTextContent());
    }

    @Test
    void attributesAreEscapedToo() throws Exception {
        GatherSpec spec = GatherSpec.speech("/voice/turn?a=1&b=\"2\"").withHints(List.of("O'Brien", "<Sons>"));
        String xml = Twiml.response().gather(spec, "Name?").toXml();
        Element gather = first(parse(xml), "Gather");
        assertEquals("/voice/turn?a=1&b=\"2\"", gather.getAttribute("action"));
        assertEquals("O'Brien, <Sons>", gather.getAttribute("hints"));
        assertTrue(xml.contains("action=\"/voice/turn?a=1&amp;b=&quot;2&quot;\""), xml);
    }

    @Test
    void controlCharactersAreDroppedButEmojiKept() throws Exception {
        String xml = Twiml.response().say("bad\u0000\u0007 text \uD83D\uDE00 ok").toXml();
        assertEquals("bad text \uD83D\uDE00 ok", first(parse(xml), "Say").getTextContent());
        assertEquals("x", Twiml.escape("x\uD800"));  // a lone surrogate is not valid XML
    }

    @Test
    void gatherNestsTheSpokenPrompt() throws Exception {
        GatherSpec spec = GatherSpec.speech("/voice/turn")
                .withHints(List.of("tomorrow", "next week"))
                .withLanguage("en-US")
                .withSpeechModel("phone_call");
        String xml = Twiml.response().voice("Polly.Joanna").gather(spec, "What day works for you?")
                .redirect("/voice/no-input").toXml();
        assertEquals(HEAD
                + "<Gather input=\"speech\" action=\"/voice/turn\" method=\"POST\" timeout=\"5\" speechTimeout=\"auto\""
                + " hints=\"tomorrow, next week\" language=\"en-US\" speechModel=\"phone_call\""
                + " actionOnEmptyResult=\"true\">"
                + "<Say voice=\"Polly.Joanna\" language=\"en-US\">What day works for you?</Say></Gather>"
                + "<Redirect method=\"POST\">/voice/no-input</Redirect></Response>", xml);
        Document doc = parse(xml);
        Element say = (Element) first(doc, "Gather").getElementsByTagName("Say").item(0);
        assertEquals("What day works for you?", say.getTextContent());
    }

    @Test
    void dtmfGatherOmitsNullAttributes() {
        String xml = Twiml.response().gather(GatherSpec.dtmf("/voice/digits", 1), null).toXml();
        assertEquals(HEAD + "<Gather input=\"dtmf\" action=\"/voice/digits\" method=\"POST\" timeout=\"5\""
                + " numDigits=\"1\" finishOnKey=\"#\" actionOnEmptyResult=\"true\"/></Response>", xml);
        assertFalse(xml.contains("null"));
    }

    @Test
    void speechOrDtmfAndOverrides() throws Exception {
        GatherSpec spec = GatherSpec.speechOrDtmf("/t").withTimeout(3).withSpeechTimeout("2")
                .withActionOnEmptyResult(null).withFinishOnKey(null).withNumDigits(4);
        Element gather = first(parse(Twiml.response().gather(spec, "Say or press").toXml()), "Gather");
        assertEquals("speech dtmf", gather.getAttribute("input"));
        assertEquals("3", gather.getAttribute("timeout"));
        assertEquals("2", gather.getAttribute("speechTimeout"));
        assertEquals("4", gather.getAttribute("numDigits"));
        assertFalse(gather.hasAttribute("actionOnEmptyResult"));
        assertFalse(gather.hasAttribute("finishOnKey"));
    }

    @Test
    void gatherSpecValidates() {
        assertThrows(IllegalArgumentException.class, () -> GatherSpec.speech("/t").withInput("voice"));
        assertThrows(IllegalArgumentException.class, () -> GatherSpec.speech("/t").withTimeout(0));
        assertThrows(IllegalArgumentException.class, () -> GatherSpec.dtmf("/t", 0));
        assertThrows(NullPointerException.class, () -> GatherSpec.speech(null));
        assertEquals(null, GatherSpec.speech("/t").withHints(List.of()).hints());
    }

    @Test
    void recordPauseDialAndHangup() throws Exception {
        String xml = Twiml.response()
                .record("/voice/voicemail", 120, 5, true, true)
                .pause(2)
                .dial("+14035550100", "+14035550199", 20)
                .dial("+14035550101", null, 30)
                .hangup()
                .toXml();
        assertEquals(HEAD
                + "<Record action=\"/voice/voicemail\" method=\"POST\" maxLength=\"120\" timeout=\"5\""
                + " playBeep=\"true\" trim=\"trim-silence\"/>"
                + "<Pause length=\"2\"/>"
                + "<Dial callerId=\"+14035550199\" timeout=\"20\">+14035550100</Dial>"
                + "<Dial timeout=\"30\">+14035550101</Dial>"
                + "<Hangup/></Response>", xml);
        assertEquals(5, parse(xml).getDocumentElement().getChildNodes().getLength());
        assertTrue(Twiml.response().record("/r", 60, 3, false, false).toXml()
                .contains("playBeep=\"false\" trim=\"do-not-trim\""));
        assertThrows(IllegalArgumentException.class, () -> Twiml.response().pause(0));
    }

    @Test
    void voiceSetAfterVerbsStillApplies() {
        String xml = Twiml.response().say("one").voice("Polly.Matthew").toXml();
        assertTrue(xml.contains("<Say voice=\"Polly.Matthew\" language=\"en-US\">one</Say>"), xml);
        assertEquals(xml, Twiml.response().say("one").voice("Polly.Matthew").toString());
    }
}
