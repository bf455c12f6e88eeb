package app.bella.nlu;

import static app.bella.nlu.Fixtures.CTX;
import static app.bella.nlu.Fixtures.EDMONTON;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Times the rules used to read wrong with confidence — worse than missing them, since the model is only asked for
 * what the rules left empty: a day lost before "after lunch" (so the time fell on today), a negated day kept, a time
 * said "-ish" dropped. Each case is what the dialogue would book ({@link DateTimeResolver#resolveNext}), on Wednesday
 * 2025-10-08 10:00 in Edmonton; null means nothing is booked and Bella asks again.
 */
class TimeMisreadingTest {

    private final RulesExtractor rules = new RulesExtractor();
    private final DateTimeResolver resolver = new DateTimeResolver();

    /** The next date of each weekday from Wednesday 2025-10-08 (Wednesday itself left out: it is today). */
    static final String[][] DAYS = {{"Thursday", "2025-10-09"}, {"Friday", "2025-10-10"}, {"Monday", "2025-10-13"},
            {"Tuesday", "2025-10-14"}};

    private ZonedDateTime booked(String text, Expect expect) {
        return resolver.resolveNext(rules.extract(text, expect, CTX).when(), CTX);
    }

    /** Asked for a time, the words book this local date-time ("2025-10-10T13:00"). */
    private void assertBooksAt(String text, String expected) {
        assertThat(booked(text, Expect.TIME)).as(text).isEqualTo(ZonedDateTime.of(java.time.LocalDateTime.parse(expected), EDMONTON));
    }

    private static ZonedDateTime at(String date, String time) {
        return ZonedDateTime.of(LocalDate.parse(date), LocalTime.parse(time), EDMONTON);
    }

    // -- a day followed by a day-part phrase and a hedged time ---------------------------------------------------------

    static Stream<Arguments> dayPartThenHedgedTime() {
        String[][] templates = {
                {"sometime %s after lunch, say one thirty", "13:30"}, {"%s after lunch, maybe one thirty", "13:30"},
                {"%s, after lunch, around 1:30", "13:30"}, {"%s after lunch, like one thirty", "13:30"},
                {"%s after lunch, perhaps half past one", "13:30"}, {"sometime %s, probably about one thirty", "13:30"},
                {"%s after work, say four thirty", "16:30"}, {"%s before lunch, say ten thirty", "10:30"},
                {"%s before noon, maybe ten", "10:00"}, {"%s afternoon, ideally around two", "14:00"},
                {"uh %s after lunch, roughly two fifteen", "14:15"}, {"%s after school, say 3:45", "15:45"},
                {"%s after lunch sometime, about 2", "14:00"}, {"%s in the morning, maybe nine", "09:00"}};
        List<Arguments> out = new ArrayList<>();
        for (String[] d : DAYS) {
            for (String[] t : templates) {
                out.add(Arguments.of(String.format(t[0], d[0]), at(d[1], t[1])));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("dayPartThenHedgedTime")
    void theDaySaidBeforeADayPartIsKept(String text, ZonedDateTime expected) {
        assertThat(booked(text, Expect.TIME)).as("asked: " + text).isEqualTo(expected);
        assertThat(booked(text, null)).as("volunteered: " + text).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', value = {
            "Thursday before lunch|2025-10-09|MORNING", "Monday after work|2025-10-13|",
            "Tuesday after school|2025-10-14|", "Friday before noon|2025-10-10|MORNING",
            "Friday after breakfast|2025-10-10|MORNING"})
    void aDayWithADayPartPhraseAndNoTimeIsThatDayWithoutATime(String text, LocalDate date, DayPart part) {
        WhenPhrase w = rules.extract(text, Expect.TIME, CTX).when();
        assertThat(w.date()).as(text).isEqualTo(date);
        assertThat(w.time()).as(text + ": no clock time was said").isNull();
        assertThat(w.dayPart()).as(text).isEqualTo(part);
    }

    /** Lunch ends at one o'clock as people say it: "after lunch" alone is 1 pm, a time said with it wins. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Friday after lunch|2025-10-10T13:00", "sometime Thursday after lunch|2025-10-09T13:00",
            "after lunch on Tuesday|2025-10-14T13:00", "tomorrow after lunch sometime|2025-10-09T13:00",
            "Friday after lunch, around 2|2025-10-10T14:00", "after lunchtime Monday|2025-10-13T13:00"})
    void afterLunchIsOneOClock(String text, String expected) {
        assertBooksAt(text, expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "the Friday after Thanksgiving at 10|2025-10-17T10:00", "Friday after next at 2|2025-10-24T14:00",
            "the Monday after the 20th at 9|2025-10-27T09:00", "Friday after 2|2025-10-10T14:00",
            "Thursday after work at 5|2025-10-09T17:00", "the Tuesday before Halloween at 11|2025-10-28T11:00"})
    void aWeekdayCountedFromADayStillCountsAndOtherwiseStays(String text, String expected) {
        assertBooksAt(text, expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', value = {"the day after at 11", "two weeks from when I was last in, at 3",
            "a week from my last visit at 2", "the day before at 10"})
    void aDayCountedFromNothingIsNotBooked(String text) {
        Extraction e = rules.extract(text, Expect.TIME, CTX);
        assertThat(booked(text, Expect.TIME)).as(text + " — never today").isNull();
        assertThat(e.when().isUnresolved()).as(text).isTrue();
    }

    /** Any weekday, hedge and day-part phrase: the day said, never today. */
    @Property(tries = 300)
    void hedgedTimeAfterADayPartKeepsTheDay(@ForAll("weekday") int day, @ForAll("hedge") String hedge,
                                            @ForAll("dayPartPhrase") String part, @ForAll("hour") int hour,
                                            @ForAll("minute") int minute) {
        String text = String.format("sometime %s %s, %s %d:%02d", DAYS[day][0], part, hedge, hour, minute);
        assertThat(booked(text, Expect.TIME)).as(text).isEqualTo(
                ZonedDateTime.of(LocalDate.parse(DAYS[day][1]), LocalTime.of(hour + 12, minute), EDMONTON));
    }

    @Provide
    Arbitrary<Integer> weekday() {
        return Arbitraries.integers().between(0, DAYS.length - 1);
    }

    @Provide
    Arbitrary<String> hedge() {
        return Arbitraries.of("say", "maybe", "like", "about", "around", "perhaps", "roughly", "probably",
                "approximately", "ideally", "at", "um say", "uh maybe around");
    }

    @Provide
    Arbitrary<String> dayPartPhrase() {
        return Arbitraries.of("after lunch", "afternoon", "in the afternoon", "after lunch sometime", "");
    }

    @Provide
    Arbitrary<Integer> hour() {
        return Arbitraries.integers().between(1, 4);
    }

    @Provide
    Arbitrary<Integer> minute() {
        return Arbitraries.of(0, 15, 30, 45);
    }

    // -- "-ish", "around", an ordinal day alone ------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "the fifteenth, two-ish|2025-10-15T14:00", "the fifteenth, twoish|2025-10-15T14:00",
            "the 15th, 2ish|2025-10-15T14:00", "the 15th, 2-ish|2025-10-15T14:00",
            "the fifteenth, around two|2025-10-15T14:00", "on the fifteenth at two-ish|2025-10-15T14:00",
            "the sixteenth, three-ish|2025-10-16T15:00", "the twentieth, elevenish|2025-10-20T11:00",
            "the 22nd, tenish|2025-10-22T10:00", "Friday, noonish|2025-10-10T12:00",
            "tomorrow at 2:30ish|2025-10-09T14:30", "tomorrow, roughly three|2025-10-09T15:00",
            "tomorrow, approximately 11|2025-10-09T11:00", "tomorrow, four-ish|2025-10-09T16:00",
            "Monday two thirty-ish|2025-10-13T14:30", "around two-ish on Friday|2025-10-10T14:00",
            "Thursday, nine-ish in the morning|2025-10-09T09:00", "the twenty-first, one-ish|2025-10-21T13:00",
            "Tuesday, round about three-ish|2025-10-14T15:00", "Friday, maybe 10ish|2025-10-10T10:00"})
    void approximateTimesAreTimes(String text, String expected) {
        ZonedDateTime want = ZonedDateTime.of(java.time.LocalDateTime.parse(expected), EDMONTON);
        assertThat(booked(text, Expect.TIME)).as("asked: " + text).isEqualTo(want);
        assertThat(booked(text, null)).as("volunteered: " + text).isEqualTo(want);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', value = {"the fifteenth|2025-10-15", "the sixteenth|2025-10-16",
            "the twenty-first|2025-10-21", "on the 20th|2025-10-20", "the thirtieth|2025-10-30"})
    void anOrdinalDayAloneIsThatDayWithoutATime(String text, LocalDate date) {
        WhenPhrase w = rules.extract(text, Expect.TIME, CTX).when();
        assertThat(w.date()).as(text).isEqualTo(date);
        assertThat(w.time()).as(text).isNull();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {"something like an hour-ish|60", "an hour-ish|60", "half an hour-ish|30",
            "45 minutes-ish|45", "two hours-ish|120"})
    void approximateDurationsAreDurations(String text, int minutes) {
        assertThat(rules.extract(text, Expect.DURATION, CTX).durationMinutes()).as(text).isEqualTo(minutes);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', value = {"I have maybe 3 questions", "English is my second language",
            "I finish work at", "I'm Polish", "my Irish setter"})
    void ishWordsThatAreNoTimeGiveNone(String text) {
        assertThat(rules.extract(text, null, CTX).start()).as(text).isNull();
        assertThat(booked(text, null)).as(text).isNull();
    }

    // -- negated days --------------------------------------------------------------------------------------------------

    static Stream<Arguments> negatedThenCorrected() {
        String[] templates = {"not %s, %s at 2", "no, not %s — %s at 2", "not on %s, %s at 2", "not %s but %s at 2",
                "I can't do %s, how about %s at 2", "can't make it %s, %s at 2", "%s doesn't work, %s at 2",
                "%s is no good, what about %s at 2", "%s won't work for me, %s at 2", "%s is out, %s at 2",
                "%s's no good, %s at 2 then", "I cannot do %s, %s at 2 please", "%s wouldn't work, %s at 2",
                "%s isn't good, %s at 2", "%s at 2 doesn't work, %s at 2"};
        String[][] pairs = {{"Thursday", "Friday", "2025-10-10"}, {"Monday", "Tuesday", "2025-10-14"},
                {"Friday", "Monday", "2025-10-13"}, {"Tuesday", "Thursday", "2025-10-09"}};
        List<Arguments> out = new ArrayList<>();
        for (String[] p : pairs) {
            for (String t : templates) {
                out.add(Arguments.of(String.format(t, p[0], p[1]), at(p[2], "14:00")));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("negatedThenCorrected")
    void aNegatedDayGivesWayToTheDaySaidAfterIt(String text, ZonedDateTime expected) {
        assertThat(booked(text, Expect.TIME)).as("asked: " + text).isEqualTo(expected);
        assertThat(booked(text, null)).as("volunteered: " + text).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', value = {"not Thursday", "not Thursday at 2", "Thursday doesn't work",
            "Thursday at 2 doesn't work", "Friday is no good", "I can't do Monday", "not tomorrow",
            "not tomorrow at 3", "not this week", "not next Friday", "any day except Tuesday", "not the 15th",
            "not until next week", "Monday's out", "can't make it Friday at 10"})
    void aNegatedDayAloneBooksNothing(String text) {
        assertThat(booked(text, Expect.TIME)).as(text + " — never today, never the negated day").isNull();
        WhenPhrase w = rules.extract(text, Expect.TIME, CTX).when();
        assertThat(w == null || w.date() == null).as(text + ": " + w).isTrue();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "not this Friday, next Friday at 10|2025-10-17T10:00", "not the 15th, the 16th at 9|2025-10-16T09:00",
            "not at 2, at 3 tomorrow|2025-10-09T15:00", "2 doesn't work, 3 on Friday|2025-10-10T15:00",
            "not in the morning, Friday at 2|2025-10-10T14:00", "no, not Monday, Tuesday at 4|2025-10-14T16:00",
            "why not Friday at 3|2025-10-10T15:00", "I'm not sure, maybe Friday at 3|2025-10-10T15:00",
            "Friday at 3 would be great|2025-10-10T15:00", "it does not matter, Friday at 2|2025-10-10T14:00",
            "no, Friday at 2|2025-10-10T14:00", "not a problem, Friday at 2|2025-10-10T14:00",
            "Tuesday at 2, no wait, 3|2025-10-14T15:00", "Monday is good at 11|2025-10-13T11:00",
            "tomorrow isn't great, Friday at 9|2025-10-10T09:00", "not next week, tomorrow at 10|2025-10-09T10:00"})
    void negationsTouchOnlyWhatTheyNegate(String text, String expected) {
        assertThat(booked(text, Expect.TIME)).as(text)
                .isEqualTo(ZonedDateTime.of(java.time.LocalDateTime.parse(expected), EDMONTON));
    }

    /** Any two different weekdays: the negated one is never booked. */
    @Property(tries = 200)
    void theNegatedDayIsNeverBooked(@ForAll("weekday") int no, @ForAll("weekday") int yes,
                                    @ForAll("negation") String form) {
        String text = String.format(form, DAYS[no][0], DAYS[yes][0]);
        ZonedDateTime got = booked(text, Expect.TIME);
        if (no == yes) {
            return;
        }
        assertThat(got).as(text).isEqualTo(at(DAYS[yes][1], "15:00"));
    }

    @Provide
    Arbitrary<String> negation() {
        return Arbitraries.of("not %s, %s at 3", "no not %s, %s at 3 pm", "%s doesn't work, %s at 3",
                "I can't do %s, %s at 3", "%s is no good, how about %s at three", "not on %s, on %s at 3");
    }
}
