package app.bella.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationParserTest {

    private final DurationParser parser = new DurationParser();

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            half an hour                          | 30
            a half hour                           | 30
            half hour                             | 30
            30 minutes                            | 30
            thirty minutes                        | 30
            45 minutes                            | 45
            forty five minutes                    | 45
            forty-five minutes                    | 45
            15 mins                               | 15
            an hour                               | 60
            one hour                              | 60
            1 hour                                | 60
            for an hour                           | 60
            an hour and a half                    | 90
            hour and a half                       | 90
            one and a half hours                  | 90
            1.5 hours                             | 90
            90 minutes                            | 90
            ninety minutes                        | 90
            two hours                             | 120
            2 hours                               | 120
            2 hrs                                 | 120
            a couple of hours                     | 120
            an hour and 15 minutes                | 75
            1 hour 30 minutes                     | 90
            an hour and thirty minutes            | 90
            two hours and a half                  | 150
            an hour fifteen                       | 75
            quarter of an hour                    | 15
            three quarters of an hour             | 45
            next Monday at 10 for an hour         | 60
            'I need about 45 minutes, please'     | 45
            it should take twenty minutes         | 20
            'an hour, no, half an hour'           | 30
            une demi-heure                        | 30
            une heure                             | 60
            for 2 hours tomorrow at 3             | 120
            'probably forty five, maybe an hour, let''s say forty five' | 45
            'an hour, sorry, 90'                  | 90
            'an hour, let''s say two'             | 120
            """)
    void parsesDurations(String input, int expected) {
        assertEquals(expected, parser.parse(input));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" has no duration")
    @ValueSource(strings = {
            "", "in two hours", "in an hour", "in half an hour", "in 30 minutes", "2 hours from now",
            "an hour ago", "tomorrow at 2 pm", "1430 hours", "30 hours", "yes", "the 15th", "30",
            "fifteen minutes late", "in about 2 hours"})
    void rejects(String input) {
        assertNull(parser.parse(input));
    }

    @Test
    void bareNumberOnlyWhenExpected() {
        assertNull(parser.parse("45"));
        assertEquals(45, parser.parse("45", true));
        assertEquals(60, parser.parse("1", true));
        assertEquals(120, parser.parse("two", true));
        assertEquals(30, parser.parse("um thirty", true));
        assertNull(parser.parse("500", true));
        assertEquals(90, parser.parse("90 minutes", true));
        assertEquals(180, parser.parse("about 3", true));
        assertEquals(120, parser.parse("for 2", true));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" answers when, not how long")
    @ValueSource(strings = {"tomorrow at 3", "at 3", "3 pm", "2 p.m.", "monday 2", "uh at 10", "by 4", "the 15th",
            "three o'clock", "friday at 45 past", "2 tomorrow", "sometime in the morning, say 10",
            "two hours from now works for me", "in an hour or 2"})
    void aBareClockTimeIsNotALength(String input) {
        assertNull(parser.parse(input, true));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            I'd like an hour-long appointment on Friday at 4:45  | 60
            a two-hour appointment                               | 120
            a forty-five-minute cleaning                         | 45
            an hour-long visit                                   | 60
            90-minute session                                    | 90
            the two-hour one                                     | 120
            a one-hour slot                                      | 60
            twenty-minute check                                  | 20
            booking for too hours                                | 120
            it will take too hours, maybe less                   | 120
            """)
    void aLengthSaidAsOneHyphenatedWord(String text, int minutes) {
        assertEquals(minutes, parser.parse(text, false));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a full hour                    | 60
            a good half hour               | 30
            hour and fifteen minutes       | 75
            the whole hour                 | 60
            """)
    void anHourSaidWithoutAnArticleOrWithAnAdjective(String text, int minutes) {
        assertEquals(minutes, parser.parse(text, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"I'm 45 years old", "two people", "it's for 3 kids", "about 200 dollars", "per hour",
            "I take 20 milligrams", "two tablets a day", "my son is ten"})
    void aNumberThatCountsSomethingElseIsNoLength(String text) {
        assertNull(parser.parse(text, true));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2 hours? no, make it one            | 60
            45 minutes, sorry, 30               | 30
            an hour, no, make it two            | 120
            an hour, no, make it 90 minutes     | 90
            2 hours no thanks                   | 120
            """)
    void aBareNumberAfterACorrectionKeepsTheUnit(String text, int minutes) {
        assertEquals(minutes, parser.parse(text, true));
    }

    /** A wait, the way in or an interval is no length of the appointment, and no bare number stands in for one. */
    @ParameterizedTest
    @ValueSource(strings = {"I've waited two hours on hold already", "it takes me twenty minutes to drive in",
            "the bus only comes every half hour", "we live twenty minutes away", "I was on hold for an hour",
            "it's a 40 minute drive for me", "my last cleaning took forever, like three hours",
            "the last one lasted two hours", "at half past ten", "quarter past nine",
            "I sit at a desk eight hours a day"})
    void aLengthOfSomethingElseIsNoLength(String text) {
        assertNull(parser.parse(text, true));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a half hour'll do me                               | 30
            an hour's fine                                     | 60
            forty five minutes'll be plenty                    | 45
            I'm an hour away so make it forty five minutes     | 45
            I'll need an hour, I'll be waiting anyway          | 60
            hold on, it's a 45 minute appointment              | 45
            on hold for two hours, anyway I need 30 minutes    | 30
            """)
    void aLengthRunIntoTheNextWordOrBesideAnotherLength(String text, int minutes) {
        assertEquals(minutes, parser.parse(text, true));
    }

    /** A distance, a weight, a mileage or the way to town is no length, and no bare number stands in for one. */
    @ParameterizedTest
    @ValueSource(strings = {"it's got about 120 thousand kilometres on it", "she's maybe 50 pounds",
            "we're about an hour out of town", "it's 40 minutes from here", "he's 30 kilos", "two hundred km a day"})
    void aMeasureOrADistanceIsNoLength(String text) {
        assertNull(parser.parse(text, true));
    }

    /** Lengths said without their articles, as in a second language. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            one and half hour          | 90
            two and half hours         | 150
            an hour and quarter        | 75
            hour and quarter           | 75
            quarter of hour            | 15
            """)
    void lengthsWithoutArticles(String text, int minutes) {
        assertEquals(minutes, parser.parse(text, true));
    }
}
