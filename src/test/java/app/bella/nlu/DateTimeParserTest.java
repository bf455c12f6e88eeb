package app.bella.nlu;

import static app.bella.nlu.Fixtures.CTX;
import static app.bella.nlu.Fixtures.date;
import static app.bella.nlu.Fixtures.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Context: Wednesday 2025-10-08 10:00, business hours 09:00-17:00. */
class DateTimeParserTest {

    private final DateTimeParser parser = new DateTimeParser();

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            tomorrow at 2 pm                       | 2025-10-09 | 14:00
            today at 3 PM                          | 2025-10-08 | 15:00
            tomorrow at two PM                     | 2025-10-09 | 14:00
            tomorrow at 2:30 PM                    | 2025-10-09 | 14:30
            tomorrow at 10:30 AM                   | 2025-10-09 | 10:30
            Friday at 3:30 PM                      | 2025-10-10 | 15:30
            this Friday                            | 2025-10-10 | -
            on Friday                              | 2025-10-10 | -
            Friday                                 | 2025-10-10 | -
            next Tuesday                           | 2025-10-14 | -
            next Monday                            | 2025-10-13 | -
            next Thursday                          | 2025-10-16 | -
            next Friday                            | 2025-10-17 | -
            next Wednesday                         | 2025-10-15 | -
            Thursday next week                     | 2025-10-16 | -
            this Monday                            | 2025-10-13 | -
            Thursday                               | 2025-10-09 | -
            Tuesday                                | 2025-10-14 | -
            Wednesday at 3 pm                      | 2025-10-08 | 15:00
            Wednesday at 9 am                      | 2025-10-15 | 09:00
            the day after tomorrow                 | 2025-10-10 | -
            day after tomorrow at 11               | 2025-10-10 | 11:00
            in 2 days at 3 AM                      | 2025-10-10 | 03:00
            in two days                            | 2025-10-10 | -
            in a week                              | 2025-10-15 | -
            a week from today at 2 pm              | 2025-10-15 | 14:00
            two weeks from tomorrow at 10          | 2025-10-23 | 10:00
            3 days from now                        | 2025-10-11 | -
            in two weeks                           | 2025-10-22 | -
            in two hours                           | 2025-10-08 | 12:00
            in an hour                             | 2025-10-08 | 11:00
            in half an hour                        | 2025-10-08 | 10:30
            in 45 minutes                          | 2025-10-08 | 10:45
            in a couple of hours                   | 2025-10-08 | 12:00
            in 3 hours from now                    | 2025-10-08 | 13:00
            the 15th                               | 2025-10-15 | -
            on the 15th at 3                       | 2025-10-15 | 15:00
            the 8th                                | 2025-10-08 | -
            the 3rd                                | 2025-11-03 | -
            the fifteenth                          | 2025-10-15 | -
            the twenty first                       | 2025-10-21 | -
            the 31st                               | 2025-10-31 | -
            December 15th at 2 PM                  | 2025-12-15 | 14:00
            December 3rd at noon                   | 2025-12-03 | 12:00
            3rd of December                        | 2025-12-03 | -
            the 3rd of December at 10              | 2025-12-03 | 10:00
            Dec 3                                  | 2025-12-03 | -
            December fifteenth                     | 2025-12-15 | -
            December 15                            | 2025-12-15 | -
            15 December                            | 2025-12-15 | -
            October the 20th                       | 2025-10-20 | -
            October 8th                            | 2025-10-08 | -
            October 7th 2026                       | 2026-10-07 | -
            10/15                                  | 2025-10-15 | -
            10/15 at 3:30                          | 2025-10-15 | 15:30
            1/5/2026                               | 2026-01-05 | -
            January 5th                            | 2026-01-05 | -
            January 5th 2027                       | 2027-01-05 | -
            August 5th next year at 3 pm           | 2026-08-05 | 15:00
            ten hundred on Tuesday the 21st        | 2025-10-21 | 10:00
            eleven hundred hours tomorrow          | 2025-10-09 | 11:00
            the 5th of August next year            | 2026-08-05 | -
            October 7th of next year               | 2026-10-07 | -
            December 3rd this year                 | 2025-12-03 | -
            Feb 29th                               | 2028-02-29 | -
            March 3rd at 9 am                      | 2026-03-03 | 09:00
            may 5th                                | 2026-05-05 | -
            Monday November 3rd at 10 am           | 2025-11-03 | 10:00
            half past two                          | -          | 14:30
            quarter to five                        | -          | 16:45
            quarter past 10                        | -          | 10:15
            ten past three                         | -          | 15:10
            twenty to four                         | -          | 15:40
            a quarter past eleven                  | -          | 11:15
            at two thirty                          | -          | 14:30
            at ten fifteen                         | -          | 10:15
            at eleven thirty                       | -          | 11:30
            at noon                                | -          | 12:00
            midday                                 | -          | 12:00
            midnight                               | -          | 00:00
            14:30                                  | -          | 14:30
            1430 hours                             | -          | 14:30
            9 o'clock                              | -          | 09:00
            nine o'clock                           | -          | 09:00
            3 pm                                   | -          | 15:00
            3pm                                    | -          | 15:00
            3 p.m.                                 | -          | 15:00
            3 P.M.                                 | -          | 15:00
            10 a.m.                                | -          | 10:00
            12 pm                                  | -          | 12:00
            12 am                                  | -          | 00:00
            12:30 am                               | -          | 00:30
            3 in the afternoon                     | -          | 15:00
            7 in the evening                       | -          | 19:00
            8 in the morning                       | -          | 08:00
            10 at night                            | -          | 22:00
            at 10                                  | -          | 10:00
            at 3                                   | -          | 15:00
            at 4:45                                | -          | 16:45
            at 8                                   | -          | 08:00
            at 8:30                                | -          | 08:30
            at 12                                  | -          | 12:00
            at 12:30                               | -          | 12:30
            at 5                                   | -          | 17:00
            at 6                                   | -          | 18:00
            at 7                                   | -          | 07:00
            at 9                                   | -          | 09:00
            at 14                                  | -          | 14:00
            around 3                               | -          | 15:00
            how about 4                            | -          | 16:00
            two pm                                 | -          | 14:00
            eleven thirty am                       | -          | 11:30
            2 30 pm                                | -          | 14:30
            at 2 oh 5                              | -          | 14:05
            Friday 2:30                            | 2025-10-10 | 14:30
            tomorrow 3pm                           | 2025-10-09 | 15:00
            tomorrow morning at 10                 | 2025-10-09 | 10:00
            Friday evening at 7                    | 2025-10-10 | 19:00
            tomorrow at 3 no wait 2 PM             | 2025-10-09 | 14:00
            tomorrow at 3 actually 4               | 2025-10-09 | 16:00
            tomorrow at 3 I mean 4                 | 2025-10-09 | 16:00
            Friday no sorry Thursday at 1          | 2025-10-09 | 13:00
            first thing Monday                     | 2025-10-13 | 09:00
            first thing in the morning             | -          | 09:00
            end of the day Friday                  | 2025-10-10 | 16:00
            demain à 14h                           | 2025-10-09 | 14:00
            demain a 14h30                         | 2025-10-09 | 14:30
            aujourd'hui à 15h                      | 2025-10-08 | 15:00
            lundi à 9h                             | 2025-10-13 | 09:00
            vendredi                               | 2025-10-10 | -
            dimanche                               | 2025-10-12 | -
            14h30                                  | -          | 14:30
            le 15 octobre à 10h                    | 2025-10-15 | 10:00
            après-demain à midi                    | 2025-10-10 | 12:00
            tomorrow at 2                          | 2025-10-09 | 14:00
            next Monday at 10 for an hour          | 2025-10-13 | 10:00
            'Can I come in on Thursday, at 11?'    | 2025-10-09 | 11:00
            Tuesday the 14th at 9:15               | 2025-10-14 | 09:15
            'um, tomorrow, uh, like at 1'          | 2025-10-09 | 13:00
            at 10 tomorrow                         | 2025-10-09 | 10:00
            noon tomorrow                          | 2025-10-09 | 12:00
            12 noon on Friday                      | 2025-10-10 | 12:00
            today at 9 am                          | 2025-10-08 | 09:00
            right now                              | 2025-10-08 | -
            to morrow at 2                         | 2025-10-09 | 14:00
            the day after to morrow at 11          | 2025-10-10 | 11:00
            tomorrow at to pm                      | 2025-10-09 | 14:00
            Friday at for thirty                   | 2025-10-10 | 16:30
            tomorrow at for                        | 2025-10-09 | 16:00
            can i come in thursday at to           | 2025-10-09 | 14:00
            october twenty ate at ten              | 2025-10-28 | 10:00
            I can only do Tuesdays at 3            | 2025-10-14 | 15:00
            Fridays are best, at 2                 | 2025-10-10 | 14:00
            a fortnight from today at 10           | 2025-10-22 | 10:00
            """)
    void parsesDateAndTime(String input, String expectedDate, String expectedTime) {
        WhenPhrase w = parser.parse(input, CTX);
        assertNotNull(w, "nothing parsed from: " + input);
        assertEquals(date(expectedDate), w.date(), "date of: " + input);
        assertEquals(time(expectedTime), w.time(), "time of: " + input);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> nothing")
    @ValueSource(strings = {
            "", "sometime maybe", "416 555 1234", "my number is 416-555-1234", "yes", "John Smith",
            "I need an appointment", "for 2 hours", "30 minutes", "two people", "3",
            "I have 2 kids", "good morning", "a second please", "Hello, is this the clinic?"})
    void findsNothing(String input) {
        assertNull(parser.parse(input, CTX));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Friday afternoon            | 2025-10-10 | AFTERNOON
            tomorrow morning            | 2025-10-09 | MORNING
            this afternoon              | 2025-10-08 | AFTERNOON
            tonight                     | 2025-10-08 | EVENING
            Monday evening              | 2025-10-13 | EVENING
            in the morning              | -          | MORNING
            sometime in the afternoon   | -          | AFTERNOON
            vendredi après-midi         | 2025-10-10 | AFTERNOON
            demain matin                | 2025-10-09 | MORNING
            """)
    void dayParts(String input, String expectedDate, DayPart part) {
        WhenPhrase w = parser.parse(input, CTX);
        assertEquals(date(expectedDate), w.date());
        assertEquals(part, w.dayPart());
        assertNull(w.time());
    }

    @Test
    void explicitAmPmFlag() {
        assertTrue(parser.parse("3 pm", CTX).explicitAmPm());
        assertTrue(parser.parse("14:30", CTX).explicitAmPm());
        assertTrue(parser.parse("noon", CTX).explicitAmPm());
        assertTrue(parser.parse("3 in the afternoon", CTX).explicitAmPm());
        assertTrue(parser.parse("in two hours", CTX).explicitAmPm());
        assertFalse(parser.parse("at 3", CTX).explicitAmPm());
        assertFalse(parser.parse("half past two", CTX).explicitAmPm());
        assertFalse(parser.parse("9 o'clock", CTX).explicitAmPm());
    }

    @Test
    void bareNumberIsATimeOnlyWhenExpected() {
        assertNull(parser.parse("3", CTX));
        assertEquals(LocalTime.of(15, 0), parser.parse("3", CTX, true).time());
        assertEquals(LocalTime.of(11, 30), parser.parse("eleven thirty", CTX, true).time());
        assertEquals(LocalTime.of(10, 0), parser.parse("ten", CTX, true).time());
        assertEquals(LocalTime.of(15, 0), parser.parse("actually make it 3", CTX).time());
        assertNull(parser.parse("actually make it 3", CTX).date());
    }

    @Test
    void inferenceFollowsBusinessHours() {
        ParseContext late = new ParseContext(Fixtures.NOW, Fixtures.EDMONTON, LocalTime.of(12, 0),
                LocalTime.of(21, 0), "1");
        assertEquals(LocalTime.of(19, 0), parser.parse("at 7", late).time());
        assertEquals(LocalTime.of(20, 30), parser.parse("at 8:30", late).time());
        assertEquals(LocalTime.of(7, 0), parser.parse("at 7", CTX).time());
        assertEquals(LocalTime.of(12, 0), DateTimeParser.infer(12, 0, null, CTX));
        assertEquals(LocalTime.of(6, 0), DateTimeParser.infer(6, 0, DayPart.MORNING, CTX));
        assertEquals(LocalTime.of(20, 0), DateTimeParser.infer(8, 0, DayPart.EVENING, CTX));
    }

    @Test
    void bareWeekdayTodayWithoutTimeDependsOnClosingTime() {
        assertEquals(date("2025-10-08"), parser.parse("Wednesday", CTX).date());
        ParseContext evening = Fixtures.at(2025, 10, 8, 18, 0);
        assertEquals(date("2025-10-15"), parser.parse("Wednesday", evening).date());
        assertEquals(date("2025-10-08"), parser.parse("this Wednesday", evening).date());
    }

    @Test
    void relativeOffsetRoundsToTheMinute() {
        ParseContext odd = ParseContext.of(Fixtures.NOW.plusSeconds(40), Fixtures.EDMONTON);
        assertEquals(LocalTime.of(12, 1), parser.parse("in two hours", odd).time());
        ParseContext odd2 = ParseContext.of(Fixtures.NOW.plusSeconds(20), Fixtures.EDMONTON);
        assertEquals(LocalTime.of(12, 0), parser.parse("in two hours", odd2).time());
    }

    @Test
    void monthEndRollsToNextMonthWithThatDay() {
        ParseContext nov = Fixtures.at(2025, 11, 20, 10, 0);
        assertEquals(date("2025-12-31"), parser.parse("the 31st", nov).date());
        assertEquals(date("2025-12-15"), parser.parse("the 15th", nov).date());
        ParseContext dec = Fixtures.at(2025, 12, 30, 10, 0);
        assertEquals(date("2026-01-02"), parser.parse("the 2nd", dec).date());
        assertEquals(date("2026-01-01"), parser.parse("tomorrow", Fixtures.at(2025, 12, 31, 10, 0)).date());
        assertEquals(date("2026-01-05"), parser.parse("next Monday", dec).date());
    }

    /** A window of time asks for its start; an am/pm or day part said once belongs to both ends. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            tomorrow between 10 and 11                  | 2025-10-09 | 10:00
            from 1 to 3 on Friday                       | 2025-10-10 | 13:00
            sometime between 1 and 3 tomorrow           | 2025-10-09 | 13:00
            between ten thirty and eleven on Thursday   | 2025-10-09 | 10:30
            Friday from 9 to 5                          | 2025-10-10 | 09:00
            between 2 and 4 pm tomorrow                 | 2025-10-09 | 14:00
            between 11 and 1 tomorrow                   | 2025-10-09 | 11:00
            from 11 to 1 pm tomorrow                    | 2025-10-09 | 11:00
            from 10 am to 2 pm on Monday                | 2025-10-13 | 10:00
            between 9 in the morning and noon tomorrow  | 2025-10-09 | 09:00
            between 1 and 3 in the afternoon tomorrow   | 2025-10-09 | 13:00
            tomorrow 1 to 3                             | 2025-10-09 | 13:00
            from 2 till 4 Friday                        | 2025-10-10 | 14:00
            Tuesday 3 - 5                               | 2025-10-14 | 15:00
            between noon and 2 tomorrow                 | 2025-10-09 | 12:00
            between quarter to ten and eleven tomorrow  | 2025-10-09 | 09:45
            from ten to eleven on Friday                | 2025-10-10 | 10:00
            between 10 and quarter to 11 tomorrow       | 2025-10-09 | 10:00
            anytime from 2:30 to 4 on Thursday          | 2025-10-09 | 14:30
            ten to eleven tomorrow                      | 2025-10-09 | 10:50
            tomorrow at five to three                   | 2025-10-09 | 14:55
            from tomorrow at 2                          | 2025-10-09 | 14:00
            Monday from 2 to 3 hours                    | 2025-10-13 | -
            between 14 and 16 October                   | -          | -
            """)
    void aWindowOfTimeIsItsStart(String text, String date, String time) {
        WhenPhrase w = parser.parse(text, CTX);
        if (date == null) {
            assertNull(w.time(), text);
            return;
        }
        assertEquals(date(date), w.date(), text);
        assertEquals(time(time), w.time(), text);
    }

    /** "Same time" is the reference the context gives (the appointment being moved), else now. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            same time next week                  | -                | 2025-10-15 | 10:00
            same time tomorrow works             | -                | 2025-10-09 | 10:00
            the same time on Friday              | -                | 2025-10-10 | 10:00
            same day next week at 2              | -                | 2025-10-15 | 14:00
            same time next week                  | 2025-10-16T14:30 | 2025-10-23 | 14:30
            same time but on Friday              | 2025-10-16T14:30 | 2025-10-10 | 14:30
            same day, but at 4                   | 2025-10-16T14:30 | 2025-10-16 | 16:00
            the same time as usual tomorrow      | 2025-10-16T11:00 | 2025-10-09 | 11:00
            Monday the 20th, at the same hour    | 2025-10-09T10:00 | 2025-10-20 | 10:00
            """)
    void theSameTimeIsTheReferencesTime(String text, String reference, String date, String time) {
        ParseContext ctx = reference == null ? CTX : CTX.withSameAs(java.time.LocalDateTime.parse(reference));
        WhenPhrase w = parser.parse(text, ctx);
        assertEquals(date(date), w.date(), text);
        assertEquals(time(time), w.time(), text);
    }

    @Test
    void theSameTimeAsNowIsTheQuarterHourBefore() {
        WhenPhrase w = parser.parse("same time tomorrow", Fixtures.at(2025, 10, 8, 10, 52));
        assertEquals(LocalTime.of(10, 45), w.time());
    }

    /** British and 24-hour ways of saying a time, and digits as the recogniser writes a spoken time after "at". */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            half two tomorrow                     | 2025-10-09 | 14:30
            tomorrow at half two                  | 2025-10-09 | 14:30
            Friday, half nine                     | 2025-10-10 | 09:30
            Thursday week                         | 2025-10-16 | -
            Thursday week at 10                   | 2025-10-16 | 10:00
            Monday fortnight                      | 2025-10-27 | -
            Friday week, half ten                 | 2025-10-17 | 10:30
            fourteen hundred hours tomorrow       | 2025-10-09 | 14:00
            tomorrow at fourteen hundred          | 2025-10-09 | 14:00
            fourteen thirty on Friday             | 2025-10-10 | 14:30
            Monday at oh nine hundred hours       | 2025-10-13 | 09:00
            tomorrow at 1400                      | 2025-10-09 | 14:00
            tomorrow at 230                       | 2025-10-09 | 14:30
            tomorrow at 1030                      | 2025-10-09 | 10:30
            Friday at 930                         | 2025-10-10 | 09:30
            tomorrow at 245 pm                    | 2025-10-09 | 14:45
            """)
    void britishAnd24HourTimes(String text, String date, String time) {
        assertReads(text, date, time);
    }

    @ParameterizedTest
    @ValueSource(strings = {"half an hour", "half 3 hours", "I need 1200 dollars", "about 250 people",
            "the week of the 20th"})
    void noClockTimeInAmountsAndLengths(String text) {
        assertNoTime(text, false);
    }

    /** Answering a read-back, a bare number set against another is the time that replaces it. */
    @ParameterizedTest
    @ValueSource(strings = {"No, 3, not 2.", "no, 3 not 2", "no, not 2, 3", "it's 3 not 2", "no three o'clock not two"})
    void aNumberSetAgainstAnotherIsATime(String text) {
        assertEquals(LocalTime.of(15, 0), parser.parse(text, CTX).time(), text);
    }

    /** How callers who learned English later, or the recogniser, put a day and a time. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            I come Thursday 16 at nine and half                      | 2025-10-16 | 09:30
            Thursday 16                                              | 2025-10-16 | -
            Monday 27 at 3 pm                                        | 2025-10-27 | 15:00
            Me, I can the Wednesday 22, at eleven hours              | 2025-10-22 | 11:00
            For me is better the 21 of October, at 3 of the afternoon | 2025-10-21 | 15:00
            tomorrow at 3 of the afternoon                           | 2025-10-09 | 15:00
            tomorrow at nine and a half                              | 2025-10-09 | 09:30
            Friday 10                                                | 2025-10-10 | 10:00
            Friday 10 at 2                                           | 2025-10-10 | 14:00
            Thursday 17                                              | 2025-10-09 | 17:00
            anything but Friday, Thursday at 1 would work            | 2025-10-09 | 13:00
            any day but Friday, Thursday at 1                        | 2025-10-09 | 13:00
            Tuesday at won thirty                                    | 2025-10-14 | 13:30
            Friday at tree thirty                                    | 2025-10-10 | 15:30
            Monday at ate o'clock                                    | 2025-10-13 | 08:00
            """)
    void dayAndTimeAsSaidByManySpeakers(String text, String date, String time) {
        assertReads(text, date, time);
    }

    @ParameterizedTest
    @ValueSource(strings = {"at 2 and a half hours", "it takes two and a half hours"})
    void aLengthWithAHalfIsNoTime(String text) {
        assertNoTime(text, false);
    }

    /** "An hour later", "a day earlier": the reference the context gives (the appointment being moved), shifted. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            could you push it an hour later                | 2025-10-10 | 14:00
            thirty minutes earlier                         | 2025-10-10 | 12:30
            half an hour later please                      | 2025-10-10 | 13:30
            a day later                                    | 2025-10-11 | 13:00
            can we make it a week later                    | 2025-10-17 | 13:00
            two hours later                                | 2025-10-10 | 15:00
            could you push it an hour later, I've got a meeting till 1:30 | 2025-10-10 | 14:00
            could I come in half an hour earlier           | 2025-10-10 | 12:30
            come in an hour later on the same day          | 2025-10-10 | 14:00
            the day after                                  | 2025-10-11 | -
            can we do the day after, same time             | 2025-10-11 | 13:00
            """)
    void aShiftCountsFromTheReference(String text, String date, String time) {
        WhenPhrase w = parser.parse(text, CTX.withSameAs(java.time.LocalDateTime.parse("2025-10-10T13:00")));
        assertEquals(date(date), w.date(), text);
        assertEquals(time(time), w.time(), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"an hour later", "two days later"})
    void aShiftWithoutAReferenceNamesNoTime(String text) {
        assertNoTime(text, false);
    }

    /** "The earliest you have", "as soon as possible": every day from today, so the first free times are offered. */
    @ParameterizedTest
    @ValueSource(strings = {"what's the earliest you can see me? I'll take whatever you have.", "as soon as possible",
            "first available please", "the next opening", "asap", "whatever's soonest"})
    void theSoonestIsEveryDayFromToday(String text) {
        WhenPhrase w = parser.parse(text, CTX);
        assertTrue(w.hasRange(), text);
        assertEquals(CTX.today(), w.range().earliest(), text);
        assertNull(w.range().latest(), text);
    }

    @Test
    void theEarliestOnADayIsThatDay() {
        assertEquals(date("2025-10-10"), parser.parse("Friday, the first available", CTX).date());
    }

    @ParameterizedTest
    @ValueSource(strings = {"my number's 403, 555", "555", "it's 780 555", "I take 20 milligrams twice a day",
            "unit 9, 1130 17th Avenue Southwest", "my daughter's 7 and my son is 10", "my postal code is T2P 1J9",
            "policy number 4 4 1 9 0 2", "two tablets at night",
            "I'm eighty two, dear, so I don't get around like I used to", "two kids, ages four and seven"})
    void digitsOfANumberAreNoTimeEvenWhenATimeIsAskedFor(String text) {
        assertNoTime(text, true);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            2025-10-22 at 14:00                | 2025-10-22 | 14:00
            the 5th of next month at 11        | 2025-11-05 | 11:00
            the 20th of this month at 10       | 2025-10-20 | 10:00
            a week tomorrow at 9               | 2025-10-16 | 09:00
            a week today                       | 2025-10-15 | -
            1630 on the 16th                   | 2025-10-16 | 16:30
            0930 tomorrow                      | 2025-10-09 | 09:30
            """)
    void datesAsWrittenAndCountedFromThisMonth(String text, String date, String time) {
        assertReads(text, date, time);
    }

    /** "Come in a week tomorrow": the "in" of "come in" does not make "a week" a delay of its own. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            could I come in a week tomorrow, at half ten  | 2025-10-16 | 10:30
            can I pop in a week today at 2                | 2025-10-15 | 14:00
            in a week on Monday at 9                      | 2025-10-20 | 09:00
            in a week at 3 pm                             | 2025-10-15 | 15:00
            in two weeks tomorrow                         | 2025-10-23 | -
            """)
    void aWeekTomorrowAfterIn(String text, String date, String time) {
        assertReads(text, date, time);
    }

    /** Clock times written the British way, with a dot, and hyphenated by the recogniser ("eleven-thirty"). */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Monday at 9.30 am                             | 2025-10-13 | 09:30
            tomorrow at 2.45                              | 2025-10-09 | 14:45
            Friday 10.15 a.m.                             | 2025-10-10 | 10:15
            at 14.30 on Thursday                          | 2025-10-09 | 14:30
            eleven-thirty on Tuesday the 21st             | 2025-10-21 | 11:30
            tomorrow at two-fifteen                       | 2025-10-09 | 14:15
            one-forty-five on Friday                      | 2025-10-10 | 13:45
            Friday at twenty-five past ten                | 2025-10-10 | 10:25
            """)
    void clockTimesWithADotOrHyphens(String text, String date, String time) {
        assertReads(text, date, time);
    }

    @ParameterizedTest
    @ValueSource(strings = {"it was 9.99 last time", "about 2.5 kilometres away", "version 3.10",
            "five five five, twelve thirty four on the card"})
    void numbersThatAreNoClockTime(String text) {
        assertNoTime(text, false);
    }

    /** "The one after" a weekday is that weekday a week later; "one" after "this"/"the" is no one o'clock. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Friday at 4, not this one, the one after      | 2025-10-17 | 16:00
            Friday at 4, no, the one after                | 2025-10-17 | 16:00
            Tuesday, the following one at 10              | 2025-10-21 | 10:00
            Thursday at 2, the next one                   | 2025-10-16 | 14:00
            the one o'clock on Friday                     | 2025-10-10 | 13:00
            """)
    void theOneAfterAWeekday(String text, String date, String time) {
        assertReads(text, date, time);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not this one, the other one", "that one", "which one"})
    void oneAfterADeterminerIsNoTimeEvenWhenATimeIsAsked(String text) {
        assertNoTime(text, true);
    }

    /** The recogniser's split "after noon" after "the", "this" or a day is the afternoon; alone it is after twelve. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            thursday at too thirty in the after noon      | 2025-10-09 | 14:30
            friday after noon at three                    | 2025-10-10 | 15:00
            tomorrow after noon at 2                      | 2025-10-09 | 14:00
            """)
    void afterNoonSplitByTheRecogniser(String text, String date, String time) {
        assertReads(text, date, time);
    }

    /** A number after "at" that a street's name follows is an address, not a time. */
    @ParameterizedTest
    @ValueSource(strings = {"I live at 1230 Elbow Dr. SW.", "we're at 245 Main Street", "at 1100 Centre Ave NE"})
    void anAddressIsNoTime(String text) {
        assertNoTime(text, true);
    }

    @Test
    void aTimeAfterAnAddressIsStillATime() {
        assertReads("I'm at 245 Main Street, can I come at 230 tomorrow", "2025-10-09", "14:30");
    }

    /** Hours as said in other languages: "at the 3", "at 9 hour", "at fourteen hours", "10 and a quarter", "9 and 40". */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            for the Thursday, at the 3 in afternoon        | 2025-10-09 | 15:00
            Friday at the 11 in morning                    | 2025-10-10 | 11:00
            the 16 of October, at 9 hour in the morning    | 2025-10-16 | 09:00
            sixteen of October, at fourteen hours          | 2025-10-16 | 14:00
            tomorrow at 10 and a quarter                   | 2025-10-09 | 10:15
            Thursday at 9 and 40                           | 2025-10-09 | 09:40
            Tuesday at 11 o'clock please, the morning one  | 2025-10-14 | 11:00
            at the 3rd at 10                               | 2025-11-03 | 10:00
            between 10 and quarter to 11 tomorrow          | 2025-10-09 | 10:00
            """)
    void hoursAsSaidInOtherLanguages(String text, String date, String time) {
        assertReads(text, date, time);
    }

    /** "20/10": written day first, the only way it is a date; "10/11" stays month first. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            20/10 at 11                                   | 2025-10-20 | 11:00
            on 24/10 at 2 pm                              | 2025-10-24 | 14:00
            10/24 at 2 pm                                 | 2025-10-24 | 14:00
            10/11 at 9                                    | 2025-10-11 | 09:00
            """)
    void numericDatesDayFirstWhenOnlyThatIsADate(String text, String date, String time) {
        assertReads(text, date, time);
    }

    /** A holiday Bella cannot date, said after a day, is the caller's reason, not a new day. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            January 6th at 10 am, after the holidays would be easier | 2026-01-06 | 10:00
            Friday at 2, it's before Diwali                          | 2025-10-10 | 14:00
            """)
    void anUndatedHolidayAfterADayKeepsTheDay(String text, String date, String time) {
        assertReads(text, date, time);
    }

    /** A month said after a day in it (an aside, a restatement) leaves the day; a different month replaces it. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            next Monday around 11 in the morning, crazy weather, snow in October!  | 2025-10-13 | 11:00
            Monday the 13th at 11 in October                                       | 2025-10-13 | 11:00
            the 20th at 2, that's in October, right                                | 2025-10-20 | 14:00
            """)
    void aMonthAfterADayInItKeepsTheDay(String text, String date, String time) {
        assertReads(text, date, time);
    }

    /** "The day after" with no day after it counts from the day said before it, even one said and refused. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            not tomorrow, the day after, at 9:30           | 2025-10-10 | 09:30
            tomorrow, or the day after, at 2               | 2025-10-10 | 14:00
            can I do Monday, or a day after that, at 3     | 2025-10-14 | 15:00
            I can't do Thursday, the day after at 11       | 2025-10-10 | 11:00
            """)
    void theDayAfterCountsFromTheDaySaidBefore(String text, String date, String time) {
        assertReads(text, date, time);
    }

    @ParameterizedTest
    @ValueSource(strings = {"the day after at 10", "Friday, the day before"})
    void theDayAfterWithNothingToCountFromIsUnresolved(String text) {
        assertTrue(parser.parse(text, CTX).isUnresolved(), text);
    }

    @Test
    void aMonthAfterADayOutsideItReplacesTheDay() {
        WhenPhrase w = parser.parse("next Monday at 11, no wait, sometime in November", CTX);
        assertNull(w.date());
        assertEquals(java.time.LocalDate.parse("2025-11-01"), w.range().earliest());
    }

    @Test
    void aDayThisOrNextMonthDoesNotHaveIsRefused() {
        assertTrue(parser.parse("the 31st of next month", CTX).isUnresolved());
    }

    @ParameterizedTest
    @ValueSource(strings = {"the one after", "the one on the left", "not this one, the one after",
            "just the first name, it's Steven", "the first letter is S"})
    void theOneIsNoDayOfTheMonth(String text) {
        WhenPhrase w = parser.parse(text, CTX);
        assertTrue(w == null || w.date() == null, text + " -> " + w);
    }

    /** The utterance names no time ({@code timeAsked}: read as the answer to "what time?"). */
    private void assertNoTime(String text, boolean timeAsked) {
        WhenPhrase w = parser.parse(text, CTX, timeAsked);
        assertTrue(w == null || w.time() == null, text + " -> " + w);
    }

    /** The utterance read in the fixed context names this day and time (null: none). */
    private void assertReads(String text, String date, String time) {
        WhenPhrase w = parser.parse(text, CTX);
        assertEquals(date(date), w.date(), text);
        assertEquals(time(time), w.time(), text);
    }

    /** British, Irish and Scottish ways of counting a week on, and a visit said with "come by". */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            tomorrow week at 2                                       | 2025-10-16 | 14:00
            today week at 9                                          | 2025-10-15 | 09:00
            this day week, half ten                                  | 2025-10-15 | 10:30
            half four the morn                                       | 2025-10-09 | 16:30
            the morn at ten                                          | 2025-10-09 | 10:00
            at ten in the morn                                       | -          | 10:00
            Friday morn at 9                                         | 2025-10-10 | 09:00
            I was fixin to come by Thursday round about two          | 2025-10-09 | 14:00
            can I pop by tomorrow around 3                           | 2025-10-09 | 15:00
            """)
    void regionalDaysAndVisits(String text, String date, String time) {
        assertReads(text, date, time);
    }

    @Test
    void aDeadlineWithByIsStillARange() {
        WhenPhrase w = parser.parse("I need it done by Thursday", CTX);
        assertNull(w.date());
        assertEquals(java.time.LocalDate.parse("2025-10-09"), w.range().latest());
    }

    @ParameterizedTest
    @ValueSource(strings = {"my young lad is 4 and he's grand", "the eldest is 9", "our toddler is 2"})
    void theAgeOfAChildIsNoTime(String text) {
        assertNoTime(text, true);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            not this Monday but the Monday after, at one thirty     | 2025-10-20 | 13:30
            um the Monday after this one at ten                     | 2025-10-20 | 10:00
            the Friday after Thanksgiving at 10                     | 2025-10-17 | 10:00
            Thursday after work, say 5                              | 2025-10-09 | 17:00
            Monday after 3 pm                                       | 2025-10-13 | 15:00
            Thanksgiving Monday's no good, so the Tuesday after at 10 | 2025-10-14 | 10:00
            Friday's full? then the Monday after, at 9              | 2025-10-13 | 09:00
            """)
    void theWeekdayAfterTheComingOne(String text, String date, String time) {
        assertReads(text, date, time);
    }

    @ParameterizedTest
    @ValueSource(strings = {"if that's the earliest then yes", "is that the soonest you have? ok yes",
            "it was the first available, that's fine"})
    void theEarliestSaidOfTheTimeOfferedAsksForNone(String text) {
        WhenPhrase w = parser.parse(text, CTX);
        assertTrue(w == null || w.isEmpty(), text + " -> " + w);
    }

    @Test
    void theEarliestAskedForIsEveryDayFromToday() {
        assertEquals(java.time.LocalDate.parse("2025-10-08"), parser.parse("the earliest you have", CTX).range().earliest());
    }

    /** A part of the day the caller spent doing something ("all morning") is no part of the booking. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            I've been trying to get through all morning. Friday at 2 | 2025-10-10 | 14:00
            I called this morning but nobody answered, Friday at 2  | 2025-10-10 | 14:00
            I'm free all morning Friday, say 10                     | 2025-10-10 | 10:00
            I was hoping for this morning at 11                     | 2025-10-08 | 11:00
            """)
    void aPartOfTheDayTheCallerSpentIsNoPartOfTheBooking(String text, String date, String time) {
        assertReads(text, date, time);
    }

    /** A day gone by, said after a day to come and not taken back, is the caller's aside. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            could I get in friday at 11 I tweaked it last saturday at practice | 2025-10-10 | 11:00
            can I come Monday at 3, my knee went three days ago                | 2025-10-13 | 15:00
            tomorrow at 2 please, it's been sore since yesterday               | 2025-10-09 | 14:00
            """)
    void aDayGoneBySaidAfterADayToComeIsAnAside(String text, String date, String time) {
        assertReads(text, date, time);
    }

    /** A time after "till" once a time was said is when the caller is busy, not the time wanted. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Friday at 2, I work till 5                                         | 2025-10-10 | 14:00
            Friday at 3 please, I'm in class until 2                           | 2025-10-10 | 15:00
            """)
    void aTimeAfterTillOnceATimeWasSaidIsNoWish(String text, String date, String time) {
        assertReads(text, date, time);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomorrow at 2, no wait, yesterday", "last Friday at 2", "Friday, sorry, last Friday"})
    void aDayGoneBySaidAloneOrAsACorrectionIsAskedAgain(String text) {
        assertTrue(parser.parse(text, CTX).isUnresolved(), text);
    }

    /** Once a time was said, a later time of someone else's event is an aside: the booking keeps the first. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Friday at 10, he has swimming at 12                         | 2025-10-10 | 10:00
            the 17th at 2, my daughter's bus gets in at 4               | 2025-10-17 | 14:00
            Tuesday at 9:30, my shift starts at 1                       | 2025-10-14 | 09:30
            Monday at 11, I've got a meeting at 2                       | 2025-10-13 | 11:00
            Thursday at 3, the school closes at 5                       | 2025-10-09 | 15:00
            Thursday at 1, or if he has an opening at 3                 | 2025-10-09 | 15:00
            Thursday at 1, actually I've got to be there at 2           | 2025-10-09 | 14:00
            Thursday at 1, no, can we start at 2                        | 2025-10-09 | 14:00
            """)
    void someoneElsesEventAfterTheTimeIsAnAside(String text, String date, String time) {
        WhenPhrase w = parser.parse(text, CTX);
        assertEquals(date(date), w.date(), text);
        assertEquals(time(time), w.time(), text);
    }

    /** Working hours, a weekday as a recogniser hears it, "one" as a pronoun, an hour misheard at the start. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            she works the 6 to 2 shift, so Friday at 3                  | 2025-10-10 | 15:00
            I work 8 till 4, Thursday at 4:30 then                      | 2025-10-09 | 16:30
            Mundy at 2                                                  | 2025-10-13 | 14:00
            Toosday at ten                                              | 2025-10-14 | 10:00
            Wensday the 15th at 11                                      | 2025-10-15 | 11:00
            Thirsday at nine                                            | 2025-10-09 | 09:00
            Fryday morning at 10                                        | 2025-10-10 | 10:00
            Sat at 11                                                   | 2025-10-11 | 11:00
            for thirty on Monday                                        | 2025-10-13 | 16:30
            um, won fifteen Friday                                      | 2025-10-10 | 13:15
            the twenty-first, one-ish                                   | 2025-10-21 | 13:00
            Friday, the later one                                       | 2025-10-10 | -
            """)
    void wordsAroundATimeThatAreNotIt(String text, String date, String time) {
        WhenPhrase w = parser.parse(text, CTX);
        assertEquals(date(date), w.date(), text);
        assertEquals(time(time), w.time(), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"my husband works the 7 to 3 shift", "the 2015 Accord, the silver one",
            "he works nine to five", "I sat in the waiting room for ages"})
    void noTimeInWorkingHoursOrAPronoun(String text) {
        assertNull(parser.parse(text, CTX));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            in two weeks, on the Wednesday, at 11                       | 2025-10-22 | 11:00
            in three weeks, on the Friday                               | 2025-10-31 | -
            in two weeks, Wednesday, at eleven thirty                   | 2025-10-22 | 11:30
            in two weeks, Friday at 9                                   | 2025-10-24 | 09:00
            'Thursday, the ninth is it? the ninth, at around eleven, eleven o''clock' | 2025-10-09 | 11:00
            'Thursday at eleven, eleven fifteen'                        | 2025-10-09 | 11:15
            tomorrow at eleven eleven                                   | 2025-10-09 | 11:11
            not before 11 on Thursday                                   | 2025-10-09 | 11:00
            my girls are 6 and 8, so Monday the 20th at 3:30            | 2025-10-20 | 15:30
            I'll take the bus 9 in, Friday at 1                         | 2025-10-10 | 13:00
            """)
    void relativeWeeksAnchoredAgesAndRoutes(String text, String date, String time) {
        WhenPhrase w = parser.parse(text, CTX);
        assertEquals(date(date), w.date(), text);
        assertEquals(time(time), w.time(), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"my kids are 7 and 9", "the twins are eleven", "we're just off Highway 2",
            "take exit 4 and it's on the left"})
    void agesAndRoadNumbersAreNoTime(String text) {
        assertNull(parser.parse(text, CTX, true));
    }

    /** After a time, one said after "not", "instead of" or "rather than" is the one taken back. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            the time should be 2, not 1                  | 14:00
            make it 3 instead of 3:30                    | 15:00
            half past 4 rather than 4                    | 16:30
            not 1, 2                                     | 14:00
            it should be 11, not 10                      | 11:00
            no, the time was 4                           | 16:00
            """)
    void aTimeAfterNotIsTakenBack(String text, String time) {
        assertEquals(time(time), parser.parse(text, CTX).time(), text);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            after tomorrow, at ten                   | 2025-10-10 | 10:00
            after tomorrow 9:30                      | 2025-10-10 | 09:30
            in two weeks, same day, at ten           | 2025-10-22 | 10:00
            Friday, same day as my sister, at 2      | 2025-10-10 | 14:00
            """)
    void secondLanguageDays(String text, String date, String time) {
        WhenPhrase w = parser.parse(text, CTX);
        assertEquals(date(date), w.date(), text);
        assertEquals(time(time), w.time(), text);
    }

    @org.junit.jupiter.api.Test
    void anyTimeAfterTomorrowStaysARange() {
        WhenPhrase w = parser.parse("anytime after tomorrow", CTX);
        assertNull(w.date());
        assertEquals(date("2025-10-10"), w.range().earliest());
    }
}
