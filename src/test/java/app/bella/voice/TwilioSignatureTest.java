package app.bella.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TwilioSignatureTest {

    // Twilio's documented example; the expected value was cross-checked with Python's hmac module.
    private static final String TOKEN = "12345";
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final String EXPECTED = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

    private static Map<String, String> params() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("To", "+18005551212");   // deliberately unsorted
        p.put("Digits", "1234");
        p.put("CallSid", "CA1234567890ABCDE");
        p.put("From", "+12349013030");
        p.put("Caller", "+12349013030");
        return p;
    }

    @Test
    void reproducesTwiliosDocumentedExample() {
        assertEquals(EXPECTED, TwilioSignature.compute(TOKEN, URL, params()));
        assertTrue(TwilioSignature.isValid(TOKEN, URL, params(), EXPECTED));
    }

    @Test
    void parameterOrderDoesNotMatter() {
        assertEquals(EXPECTED, TwilioSignature.compute(TOKEN, URL, new HashMap<>(params())));
    }

    @Test
    void anyTamperingInvalidatesTheSignature() {
        Map<String, String> changed = params();
        changed.put("Digits", "1235");
        assertFalse(TwilioSignature.isValid(TOKEN, URL, changed, EXPECTED));
        Map<String, String> added = params();
        added.put("SpeechResult", "tomorrow at two");
        assertFalse(TwilioSignature.isValid(TOKEN, URL, added, EXPECTED));
        assertFalse(TwilioSignature.isValid(TOKEN, URL.replace("https", "http"), params(), EXPECTED));
        assertFalse(TwilioSignature.isValid("54321", URL, params(), EXPECTED));
        assertFalse(TwilioSignature.isValid(TOKEN, URL, params(), EXPECTED.replace('0', '1')));
        assertFalse(TwilioSignature.isValid(TOKEN, URL, params(), EXPECTED.substring(1)));
    }

    @Test
    void eachCheckUsesTheTokenItIsGivenEvenOnAThreadThatSignedWithAnother() { // the keyed HMAC is kept per thread
        String other = TwilioSignature.compute("54321", URL, params());
        assertEquals(EXPECTED, TwilioSignature.compute(TOKEN, URL, params()));
        assertEquals(other, TwilioSignature.compute("54321", URL, params()));
        assertFalse(other.equals(EXPECTED));
        assertEquals(EXPECTED, TwilioSignature.compute(TOKEN, URL, params()));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void missingHeaderIsInvalid(String header) {
        assertFalse(TwilioSignature.isValid(TOKEN, URL, params(), header));
    }

    @Test
    void missingTokenOrUrlFailsClosed() {
        assertFalse(TwilioSignature.isValid(null, URL, params(), EXPECTED));
        assertFalse(TwilioSignature.isValid(TOKEN, null, params(), EXPECTED));
    }

    @Test
    void noParamsSignsTheUrlAlone() {
        // python3: base64(hmac.new(b"12345", URL.encode(), sha1).digest())
        String urlOnly = TwilioSignature.compute(TOKEN, URL, Map.of());
        assertEquals(urlOnly, TwilioSignature.compute(TOKEN, URL, null));
        assertEquals("zYQTYrRWXE7LtzbG4PfP7/bkkGo=", urlOnly);
    }

    @Test
    void sortsKeysByCodeUnitsSoUppercaseComesFirst() {
        Map<String, String> p = Map.of("b", "2", "B", "1", "a", "3");
        // "B" < "a" < "b" in String order: data = url + "B1" + "a3" + "b2"
        assertEquals(TwilioSignature.compute(TOKEN, URL + "B1a3b2", Map.of()), TwilioSignature.compute(TOKEN, URL, p));
    }

    @Test
    void nonAsciiValuesAreSignedAsUtf8() { // expected value computed with python3 hmac/hashlib
        Map<String, String> p = Map.of("SpeechResult", "Zoë café");
        assertEquals("736R6Cln3GyalYDDmm0rwebWAxA=", TwilioSignature.compute(TOKEN, URL, p));
    }
}
