package app.bella.nlu;

import static app.bella.nlu.Fixtures.CTX;
import static app.bella.nlu.Fixtures.EDMONTON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateTimeResolverTest {

    private final DateTimeParser parser = new DateTimeParser();
    private final DateTimeResolver resolver = new DateTimeResolver();

    private ZonedDateTime resolve(String text, ParseContext ctx) {
        return resolver.resolve(parser.parse(text, ctx), ctx);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            tomorrow at 2 pm                 | 2025-10-09T14:00-06:00[America/Edmonton]
            today at 3 PM                    | 2025-10-08T15:00-06:00[America/Edmonton]
            Friday at 3:30 PM                | 2025-10-10T15:30-06:00[America/Edmonton]
            December 15th at 2 PM            | 2025-12-15T14:00-07:00[America/Edmonton]
            in 2 days at 3 AM                | 2025-10-10T03:00-06:00[America/Edmonton]
            in two hours                     | 2025-10-08T12:00-06:00[America/Edmonton]
            first thing Monday               | 2025-10-13T09:00-06:00[America/Edmonton]
            Monday November 3rd at 10 am     | 2025-11-03T10:00-07:00[America/Edmonton]
            November 2nd at 1:30 am          | 2025-11-02T01:30-06:00[America/Edmonton]
            November 2nd at 2:30 am          | 2025-11-02T02:30-07:00[America/Edmonton]
            today at 9 am                    | -
            today at 10 am                   | 2025-10-08T10:00-06:00[America/Edmonton]
            Friday afternoon                 | -
            Friday                           | -
            at 3 pm                          | -
            the 15th                         | -
            next week                        | -
            sometime maybe                   | -
            """)
    void resolvesInEdmonton(String text, String expected) {
        ZonedDateTime z = resolve(text, CTX);
        assertEquals(expected == null ? null : ZonedDateTime.parse(expected), z);
    }

    @Test
    void dstEndAndStartInEdmonton() {
        ZonedDateTime nov3 = resolve("Monday November 3rd at 10 am", CTX);
        assertEquals(ZoneOffset.ofHours(-7), nov3.getOffset());
        assertEquals(LocalTime.of(10, 0), nov3.toLocalTime());

        ParseContext march = Fixtures.at(2026, 3, 6, 10, 0);
        ZonedDateTime gap = resolve("Sunday at 2:30 am", march);
        assertEquals(LocalDate.of(2026, 3, 8), gap.toLocalDate());
        assertEquals(LocalTime.of(3, 30), gap.toLocalTime(), "nonexistent 02:30 shifts forward by the gap");
        assertEquals(ZoneOffset.ofHours(-6), gap.getOffset());

        ZonedDateTime before = resolve("March 7th at 10 am", march);
        assertEquals(ZoneOffset.ofHours(-7), before.getOffset());
        ZonedDateTime after = resolve("March 9th at 10 am", march);
        assertEquals(ZoneOffset.ofHours(-6), after.getOffset());
    }

    @Test
    void relativeHoursAcrossDstEndUseRealElapsedTime() {
        ParseContext night = Fixtures.at(2025, 11, 1, 23, 30); // 23:30 MDT, clocks go back at 02:00
        ZonedDateTime z = resolve("in 3 hours", night);
        assertEquals(LocalDate.of(2025, 11, 2), z.toLocalDate());
        assertEquals(LocalTime.of(1, 30), z.toLocalTime());
    }

    @Test
    void londonZone() {
        ZoneId london = ZoneId.of("Europe/London");
        ParseContext ctx = ParseContext.of(ZonedDateTime.of(2025, 10, 20, 9, 0, 0, 0, london), london);
        ZonedDateTime bst = resolve("Friday at 2 pm", ctx);
        assertEquals(ZonedDateTime.of(2025, 10, 24, 14, 0, 0, 0, london), bst);
        assertEquals(ZoneOffset.ofHours(1), bst.getOffset());
        ZonedDateTime gmt = resolve("next Monday at 2 pm", ctx); // BST ends 2025-10-26
        assertEquals(LocalDate.of(2025, 10, 27), gmt.toLocalDate());
        assertEquals(ZoneOffset.UTC, gmt.getOffset());
        assertEquals(ZonedDateTime.of(2026, 3, 29, 1, 30, 0, 0, london).toLocalTime(),
                resolve("March 29th at 1:30 am", ctx).toLocalTime()); // 01:30 does not exist -> 02:30
        assertEquals(LocalTime.of(2, 30), resolve("March 29th at 1:30 am", ctx).toLocalTime());
    }

    @Test
    void nowInAnotherZoneIsConverted() {
        ParseContext ctx = ParseContext.of(Fixtures.NOW.withZoneSameInstant(ZoneId.of("UTC")), EDMONTON);
        assertEquals(LocalDate.of(2025, 10, 8), ctx.today());
        assertEquals(ZonedDateTime.parse("2025-10-09T14:00-06:00[America/Edmonton]"),
                resolve("tomorrow at 2 pm", ctx));
    }

    @Test
    void mergedPartialAnswers() {
        WhenPhrase friday = parser.parse("Friday", CTX);
        WhenPhrase at3 = parser.parse("at 3", CTX);
        assertEquals(ZonedDateTime.parse("2025-10-10T15:00-06:00[America/Edmonton]"),
                resolver.resolve(friday.mergedWith(at3), CTX));
        WhenPhrase evening = parser.parse("Friday evening", CTX);
        WhenPhrase at7 = parser.parse("at 7", CTX);
        assertEquals(LocalTime.of(7, 0), at7.time());
        assertEquals(ZonedDateTime.parse("2025-10-10T19:00-06:00[America/Edmonton]"),
                resolver.resolve(evening.mergedWith(at7), CTX));
        WhenPhrase full = parser.parse("tomorrow at 2 pm", CTX);
        WhenPhrase change = parser.parse("actually make it 3", CTX);
        assertEquals(ZonedDateTime.parse("2025-10-09T15:00-06:00[America/Edmonton]"),
                resolver.resolve(full.mergedWith(change), CTX));
        assertEquals(full, full.mergedWith(null));
        assertEquals(full, full.mergedWith(WhenPhrase.EMPTY));
    }

    @Test
    void nullAndPartialPhrases() {
        assertNull(resolver.resolve(null, CTX));
        assertNull(resolver.resolve(WhenPhrase.EMPTY, CTX));
        assertNull(resolver.resolve(new WhenPhrase(LocalDate.of(2025, 10, 9), null, DayPart.MORNING, false), CTX));
        assertNull(resolver.resolve(new WhenPhrase(null, LocalTime.NOON, null, true), CTX));
        assertEquals(ZonedDateTime.parse("2025-10-09T15:00-06:00[America/Edmonton]"), resolver.resolve(
                new WhenPhrase(LocalDate.of(2025, 10, 9), LocalTime.of(3, 0), DayPart.AFTERNOON, false), CTX));
        assertEquals(ZonedDateTime.parse("2025-10-09T03:00-06:00[America/Edmonton]"), resolver.resolve(
                new WhenPhrase(LocalDate.of(2025, 10, 9), LocalTime.of(3, 0), DayPart.AFTERNOON, true), CTX));
    }

    @org.junit.jupiter.api.Test
    void aTimeWithoutADayIsItsNextOccurrence() {
        ParseContext ctx = ParseContext.of(java.time.ZonedDateTime.parse("2025-10-08T10:00:00-06:00[America/Edmonton]"),
                java.time.ZoneId.of("America/Edmonton"));
        DateTimeResolver r = new DateTimeResolver();
        org.junit.jupiter.api.Assertions.assertEquals("2025-10-08T14:00-06:00[America/Edmonton]",
                r.resolveNext(new WhenPhrase(null, java.time.LocalTime.of(14, 0), null, true), ctx).toString());
        org.junit.jupiter.api.Assertions.assertEquals("2025-10-09T09:00-06:00[America/Edmonton]",
                r.resolveNext(new WhenPhrase(null, java.time.LocalTime.of(9, 0), null, true), ctx).toString());
        org.junit.jupiter.api.Assertions.assertNull(r.resolveNext(new WhenPhrase(java.time.LocalDate.of(2025, 10, 9), null, null, false), ctx));
    }
}
