package app.bella.nlu;

import static app.bella.nlu.Fixtures.CTX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RulesExtractorTest {

    private final RulesExtractor extractor = new RulesExtractor();

    private static ZonedDateTime z(String s) {
        return ZonedDateTime.parse(s + "[America/Edmonton]");
    }

    @Test
    void wholeSentence() {
        Extraction e = extractor.extract("Hi, this is John Smith. I'd like to book an appointment for tomorrow at 2 PM. "
                + "My number is 416-555-1234.", null, CTX);
        assertEquals("John Smith", e.name());
        assertEquals("+14165551234", e.phone());
        assertEquals(z("2025-10-09T14:00-06:00"), e.start());
        assertEquals(Intent.BOOK, e.intent());
        assertNull(e.confirmation());
        assertNull(e.durationMinutes());
    }

    @Test
    void aRestartedNameCountsOnceInAWholeUtterance() {
        Extraction e = extractor.extract("Sure, it's Chris... Christopher Lee, tomorrow at 2 pm", Expect.NAME, CTX);
        assertEquals("Christopher Lee", e.name());
        assertEquals(z("2025-10-09T14:00-06:00"), e.start());
    }

    @Test
    void mixedInitiative() {
        Extraction e = extractor.extract(
                "Hi, I'm John Smith, can I come in tomorrow at 2 pm? my number is 416 555 1234", null, CTX);
        assertEquals("John Smith", e.name());
        assertEquals("+14165551234", e.phone());
        assertEquals(z("2025-10-09T14:00-06:00"), e.start());
        assertEquals(Intent.BOOK, e.intent());
    }

    @Test
    void durationWithStart() {
        Extraction e = extractor.extract("next Monday at 10 for an hour", null, CTX);
        assertEquals(60, e.durationMinutes());
        assertEquals(z("2025-10-13T10:00-06:00"), e.start());
    }

    @Test
    void inTwoHoursIsATimeNotADuration() {
        Extraction e = extractor.extract("can I come in two hours", null, CTX);
        assertNull(e.durationMinutes());
        assertEquals(z("2025-10-08T12:00-06:00"), e.start());
    }

    @Test
    void expectNameAcceptsBareNameOnlyWhenAsked() {
        assertEquals("Robert Brown", extractor.extract("Robert Brown", Expect.NAME, CTX).name());
        assertEquals("Mary", extractor.extract("mary", Expect.NAME, CTX).name());
        assertEquals("John Smith", extractor.extract("John Smith appointment", Expect.NAME, CTX).name());
        assertNull(extractor.extract("John Smith appointment", null, CTX).name());
        assertNull(extractor.extract("yes", Expect.NAME, CTX).name());
        assertNull(extractor.extract("unclear speech", Expect.NAME, CTX).name());
    }

    @Test
    void expectTimeAcceptsBareNumbers() {
        Extraction e = extractor.extract("3", Expect.TIME, CTX);
        assertEquals(LocalTime.of(15, 0), e.when().time());
        assertNull(e.when().date());
        assertNull(e.start());
        assertNull(extractor.extract("3", null, CTX).when());
    }

    @Test
    void expectPhoneDoesNotReadPhoneDigitsAsTime() {
        Extraction e = extractor.extract("it's 416 555 1234", Expect.PHONE, CTX);
        assertEquals("+14165551234", e.phone());
        assertNull(e.when());
        Extraction t = extractor.extract("416 555 1234", Expect.TIME, CTX);
        assertNull(t.when());
        assertEquals("+14165551234", t.phone());
    }

    @Test
    void expectDuration() {
        assertEquals(45, extractor.extract("45", Expect.DURATION, CTX).durationMinutes());
        assertEquals(90, extractor.extract("an hour and a half", Expect.DURATION, CTX).durationMinutes());
        assertNull(extractor.extract("45", null, CTX).durationMinutes());
    }

    @Test
    void confirmations() {
        Extraction no = extractor.extract("no, Thursday", Expect.CONFIRM, CTX);
        assertEquals(Confirmation.NO, no.confirmation());
        assertEquals(LocalDate.of(2025, 10, 9), no.when().date());
        Extraction cancelThat = extractor.extract("cancel that", Expect.CONFIRM, CTX);
        assertEquals(Confirmation.NO, cancelThat.confirmation());
        assertNull(cancelThat.intent());
        Extraction bookIt = extractor.extract("yes book it", Expect.CONFIRM, CTX);
        assertEquals(Confirmation.YES, bookIt.confirmation());
        assertNull(bookIt.intent());
        assertEquals(Confirmation.YES, extractor.extract("Yes that time works for me", Expect.CONFIRM, CTX)
                .confirmation());
        Extraction reallyCancel = extractor.extract("no, actually cancel my appointment", Expect.CONFIRM, CTX);
        assertEquals(Confirmation.NO, reallyCancel.confirmation());
        assertEquals(Intent.CANCEL, reallyCancel.intent());
    }

    @Test
    void correctionOnlyChangesTime() {
        Extraction e = extractor.extract("actually make it 3", Expect.TIME, CTX);
        assertEquals(LocalTime.of(15, 0), e.when().time());
        assertNull(e.when().date());
        Extraction c = extractor.extract("tomorrow at 3 no wait 2 PM", null, CTX);
        assertEquals(z("2025-10-09T14:00-06:00"), c.start());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            I need to cancel my appointment for Friday       | CANCEL     | -          | -            | -
            I'd like to reschedule to next Tuesday at 11     | RESCHEDULE | -          | -            | 2025-10-14T11:00-06:00
            when is my appointment                           | QUERY      | -          | -            | -
            'Mary Jones, 780-555-0100'                       | -          | Mary Jones | +17805550100 | -
            my name is Ann Lee and my number is 403 555 0123 | -          | Ann Lee    | +14035550123 | -
            Friday afternoon works                           | -          | -          | -            | -
            'Bob here, can I book Friday at 3:30 pm'         | BOOK       | Bob        | -            | 2025-10-10T15:30-06:00
            today at 9 am                                    | -          | -          | -            | -
            demain à 14h                                     | -          | -          | -            | 2025-10-09T14:00-06:00
            """)
    void openUtterances(String text, Intent intent, String name, String phone, String start) {
        Extraction e = extractor.extract(text, null, CTX);
        assertEquals(intent, e.intent());
        assertEquals(name, e.name());
        assertEquals(phone, e.phone());
        assertEquals(start == null ? null : z(start), e.start());
    }

    @Test
    void emptyInput() {
        assertSame(Extraction.EMPTY, extractor.extract("", null, CTX));
        assertSame(Extraction.EMPTY, extractor.extract(null, Expect.NAME, CTX));
        assertTrue(extractor.extract("um uh", null, CTX).isEmpty());
        assertTrue(extractor.extract("sometime maybe", null, CTX).isEmpty());
    }

    @Test
    void threadSafe() throws Exception {
        String[] inputs = {"Hi, I'm John Smith, can I come in tomorrow at 2 pm? my number is 416 555 1234",
                "no, Thursday", "an hour and a half", "Friday at 3:30 PM", "Jon, J O N"};
        List<Extraction> expected = new ArrayList<>();
        for (String s : inputs) {
            expected.add(extractor.extract(s, null, CTX));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int k = 0; k < 2_000; k++) {
                        int idx = k % inputs.length;
                        if (!expected.get(idx).equals(extractor.extract(inputs[idx], null, CTX))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
