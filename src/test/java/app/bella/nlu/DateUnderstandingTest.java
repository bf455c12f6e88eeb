package app.bella.nlu;

import static app.bella.nlu.Fixtures.CTX;
import static app.bella.nlu.Fixtures.EDMONTON;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dates as people say them, on Wednesday 2025-10-08 10:00 in Edmonton (a Canadian practice): named days,
 * relative weeks, ordinal weekdays, month-days, vague ranges, and the days Bella must refuse (past,
 * impossible, unknown) — which come back unresolved with the words heard, never as another date.
 */
class DateUnderstandingTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 10, 8);
    private final DateTimeParser parser = new DateTimeParser();
    private final DateTimeResolver resolver = new DateTimeResolver();

    private WhenPhrase parse(String text) {
        return parser.parse(text, CTX, true);
    }

    // -- named days ------------------------------------------------------------------------------------

    /** Spoken variants of each named day and its next date from 2025-10-08 in Canada. */
    static final Object[][] NAMED = {
            {"Christmas Eve", "2025-12-24"}, {"christmas eve", "2025-12-24"}, {"Xmas Eve", "2025-12-24"},
            {"Christmas", "2025-12-25"}, {"Christmas Day", "2025-12-25"}, {"xmas", "2025-12-25"},
            {"Boxing Day", "2025-12-26"}, {"boxing day", "2025-12-26"},
            {"New Year's Eve", "2025-12-31"}, {"new years eve", "2025-12-31"},
            {"New Year's Day", "2026-01-01"}, {"new years day", "2026-01-01"}, {"New Year's", "2026-01-01"},
            {"Valentine's Day", "2026-02-14"}, {"valentines day", "2026-02-14"}, {"Valentine's", "2026-02-14"},
            {"Halloween", "2025-10-31"}, {"hallowe'en", "2025-10-31"},
            {"Canada Day", "2026-07-01"}, {"Independence Day", "2026-07-04"}, {"the fourth of July", "2026-07-04"},
            {"Remembrance Day", "2025-11-11"}, {"Veterans Day", "2025-11-11"}, {"veteran's day", "2025-11-11"},
            {"Easter", "2026-04-05"}, {"Easter Sunday", "2026-04-05"}, {"Easter Monday", "2026-04-06"},
            {"Good Friday", "2026-04-03"}, {"Victoria Day", "2026-05-18"}, {"Labour Day", "2026-09-07"},
            {"Labor Day", "2026-09-07"}, {"Thanksgiving", "2025-10-13"}, {"Thanksgiving Day", "2025-10-13"},
            {"Canadian Thanksgiving", "2025-10-13"}, {"American Thanksgiving", "2025-11-27"},
            {"US Thanksgiving", "2025-11-27"}, {"Mother's Day", "2026-05-10"}, {"mothers day", "2026-05-10"},
            {"Father's Day", "2026-06-21"}, {"fathers day", "2026-06-21"}, {"Family Day", "2026-02-16"},
            {"St. Patrick's Day", "2026-03-17"}, {"Saint Patrick's Day", "2026-03-17"}, {"Groundhog Day", "2026-02-02"},
            {"Memorial Day", "2026-05-25"}, {"Civic Holiday", "2026-08-03"}, {"Black Friday", "2025-11-28"},
            {"Juneteenth", "2026-06-19"}, {"Truth and Reconciliation Day", "2026-09-30"},
    };

    static Stream<Arguments> namedDays() {
        String[] templates = {"%s", "on %s", "can I come in on %s", "I'd like %s please", "%s would be great",
                "is %s possible"};
        List<Arguments> out = new ArrayList<>();
        for (Object[] n : NAMED) {
            for (String t : templates) {
                out.add(Arguments.of(String.format(t, n[0]), LocalDate.parse((String) n[1])));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("namedDays")
    void namedDaysGiveTheirDate(String text, LocalDate expected) {
        WhenPhrase w = parse(text);
        assertThat(w).as(text).isNotNull();
        assertThat(w.date()).as(text).isEqualTo(expected);
        assertThat(w.isUnresolved()).isFalse();
    }

    static Stream<Arguments> namedDaysWithTimesAndOffsets() {
        List<Arguments> out = new ArrayList<>();
        for (Object[] n : NAMED) {
            LocalDate d = LocalDate.parse((String) n[1]);
            out.add(Arguments.of(n[0] + " at 10 am", d, LocalTime.of(10, 0)));
            out.add(Arguments.of(n[0] + " at 2:30 pm", d, LocalTime.of(14, 30)));
            out.add(Arguments.of("the day after " + n[0], d.plusDays(1), null));
            out.add(Arguments.of("the day before " + n[0] + " at 9", d.minusDays(1), LocalTime.of(9, 0)));
            out.add(Arguments.of("a week after " + n[0], d.plusDays(7), null));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2}")
    @MethodSource("namedDaysWithTimesAndOffsets")
    void namedDaysCombineWithTimesAndOffsets(String text, LocalDate date, LocalTime time) {
        WhenPhrase w = parse(text);
        assertThat(w.date()).as(text).isEqualTo(date);
        assertThat(w.time()).as(text).isEqualTo(time);
    }

    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @CsvSource(textBlock = """
            Thanksgiving, CA, 2025-10-13
            Thanksgiving, US, 2025-11-27
            Thanksgiving, GB, 2025-11-27
            Mother's Day, CA, 2026-05-10
            Mother's Day, US, 2026-05-10
            Mother's Day, GB, 2026-03-15
            Father's Day, GB, 2026-06-21
            Canadian Thanksgiving, US, 2025-10-13
            """)
    void movableDaysFollowThePracticesCountry(String text, String country, LocalDate expected) {
        assertThat(parser.parse(text, CTX.withCountry(country)).date()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "Easter {0} = {1}")
    @CsvSource(textBlock = """
            2019, 2019-04-21
            2020, 2020-04-12
            2021, 2021-04-04
            2022, 2022-04-17
            2023, 2023-04-09
            2024, 2024-03-31
            2025, 2025-04-20
            2026, 2026-04-05
            2027, 2027-03-28
            2028, 2028-04-16
            2029, 2029-04-01
            2030, 2030-04-21
            2031, 2031-04-13
            2032, 2032-03-28
            2033, 2033-04-17
            2034, 2034-04-09
            2035, 2035-03-25
            2038, 2038-04-25
            """)
    void easterIsComputed(int year, LocalDate expected) {
        assertThat(Holidays.easter(year)).isEqualTo(expected);
        assertThat(Holidays.date(Holidays.Day.GOOD_FRIDAY, year, "CA")).isEqualTo(expected.minusDays(2));
    }

    @ParameterizedTest(name = "Victoria Day {0} = {1}")
    @CsvSource(textBlock = """
            2024, 2024-05-20
            2025, 2025-05-19
            2026, 2026-05-18
            2027, 2027-05-24
            2028, 2028-05-22
            """)
    void victoriaDayIsTheMondayBeforeMay25(int year, LocalDate expected) {
        assertThat(Holidays.date(Holidays.Day.VICTORIA_DAY, year, "CA")).isEqualTo(expected);
    }

    @Test
    void aHolidayCalendarNamesItsDays() {
        Set<Holidays.Day> days = Holidays.calendar("Christmas, Boxing Day,Good Friday , new year's day");
        assertThat(days).containsExactly(Holidays.Day.CHRISTMAS, Holidays.Day.BOXING_DAY, Holidays.Day.GOOD_FRIDAY,
                Holidays.Day.NEW_YEARS_DAY);
        assertThat(Holidays.dates(days, 2026, 2026, "CA")).containsExactly(LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 4, 3), LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 26));
        assertThat(Holidays.calendar("")).isEmpty();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Holidays.calendar("Festivus"));
    }

    // -- relative weeks and days -------------------------------------------------------------------------

    static Stream<Arguments> weeksFromAWeekday() {
        String[][] amounts = {{"a", "1"}, {"one", "1"}, {"two", "2"}, {"2", "2"}, {"three", "3"}, {"four", "4"}};
        List<Arguments> out = new ArrayList<>();
        for (DayOfWeek dow : DayOfWeek.values()) {
            String day = dow.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            LocalDate anchor = TODAY.with(TemporalAdjusters.nextOrSame(dow));
            for (String[] a : amounts) {
                int n = Integer.parseInt(a[1]);
                String unit = n == 1 ? "week" : "weeks";
                out.add(Arguments.of(a[0] + " " + unit + " from " + day, anchor.plusWeeks(n)));
                out.add(Arguments.of(a[0] + " " + unit + " after " + day + " at 3 pm", anchor.plusWeeks(n)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("weeksFromAWeekday")
    void weeksCountFromTheWeekday(String text, LocalDate expected) {
        assertThat(parse(text).date()).as(text).isEqualTo(expected);
    }

    static Stream<Arguments> daysFromNow() {
        String[] words = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
        List<Arguments> out = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            String unit = n == 1 ? "day" : "days";
            out.add(Arguments.of("in " + words[n - 1] + " " + unit, TODAY.plusDays(n)));
            out.add(Arguments.of("in " + n + " " + unit, TODAY.plusDays(n)));
            out.add(Arguments.of(words[n - 1] + " " + unit + " from now", TODAY.plusDays(n)));
            out.add(Arguments.of(n + " " + unit + " from today", TODAY.plusDays(n)));
        }
        for (int n = 1; n <= 6; n++) {
            out.add(Arguments.of(words[n - 1] + " weeks from today".replace(n == 1 ? "weeks" : "#", n == 1 ? "week" : "#"),
                    TODAY.plusWeeks(n)));
            out.add(Arguments.of("in " + words[n - 1] + (n == 1 ? " week" : " weeks"), TODAY.plusWeeks(n)));
        }
        out.add(Arguments.of("a week from today", TODAY.plusWeeks(1)));
        out.add(Arguments.of("a week from tomorrow", TODAY.plusDays(8)));
        out.add(Arguments.of("a week on Friday", LocalDate.of(2025, 10, 17)));
        out.add(Arguments.of("Friday after next", LocalDate.of(2025, 10, 24)));
        out.add(Arguments.of("the Friday after Thanksgiving", LocalDate.of(2025, 10, 17)));
        out.add(Arguments.of("the Monday before Christmas", LocalDate.of(2025, 12, 22)));
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("daysFromNow")
    void relativeDays(String text, LocalDate expected) {
        assertThat(parse(text).date()).as(text).isEqualTo(expected);
    }

    // -- ordinal weekdays of a month ----------------------------------------------------------------------

    static Stream<Arguments> ordinalWeekdays() {
        String[][] ordinals = {{"first", "1"}, {"second", "2"}, {"third", "3"}, {"fourth", "4"}, {"last", "-1"},
                {"1st", "1"}, {"2nd", "2"}};
        Month[] months = {Month.NOVEMBER, Month.DECEMBER, Month.JANUARY, Month.MARCH};
        List<Arguments> out = new ArrayList<>();
        for (Month m : months) {
            int year = m.getValue() >= 10 ? 2025 : 2026;
            for (DayOfWeek dow : DayOfWeek.values()) {
                for (String[] o : ordinals) {
                    int n = Integer.parseInt(o[1]);
                    LocalDate first = LocalDate.of(year, m, 1);
                    LocalDate expected = n < 0 ? first.with(TemporalAdjusters.lastInMonth(dow))
                            : first.with(TemporalAdjusters.dayOfWeekInMonth(n, dow));
                    String text = "the " + o[0] + " " + dow.getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                            + (n == 2 ? " in " : " of ") + m.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                    out.add(Arguments.of(text, expected));
                }
            }
        }
        out.add(Arguments.of("last Friday of the month", LocalDate.of(2025, 10, 31)));
        out.add(Arguments.of("the last Friday in October", LocalDate.of(2025, 10, 31)));
        out.add(Arguments.of("the second Tuesday of next month", LocalDate.of(2025, 11, 11)));
        out.add(Arguments.of("first Monday of November 2026", LocalDate.of(2026, 11, 2)));
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("ordinalWeekdays")
    void ordinalWeekdaysOfAMonth(String text, LocalDate expected) {
        assertThat(parse(text).date()).as(text).isEqualTo(expected);
    }

    // -- month and day ---------------------------------------------------------------------------------

    static Stream<Arguments> monthDays() {
        String[] ordinalWords = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                "eighteenth", "nineteenth", "twentieth"};
        List<Arguments> out = new ArrayList<>();
        for (Month m : new Month[]{Month.NOVEMBER, Month.DECEMBER, Month.JANUARY}) {
            int year = m == Month.JANUARY ? 2026 : 2025;
            String name = m.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            for (int d = 1; d <= 20; d++) {
                LocalDate expected = LocalDate.of(year, m, d);
                out.add(Arguments.of(name + " " + SpokenOrdinal.of(d), expected));
                out.add(Arguments.of(name + " " + d, expected));
                out.add(Arguments.of("the " + ordinalWords[d - 1] + " of " + name, expected));
                out.add(Arguments.of(d + " " + name + " " + year, expected));
            }
        }
        out.add(Arguments.of("October 20th", LocalDate.of(2025, 10, 20)));
        out.add(Arguments.of("October the twentieth", LocalDate.of(2025, 10, 20)));
        out.add(Arguments.of("the 20th", LocalDate.of(2025, 10, 20)));
        out.add(Arguments.of("on the 5th", LocalDate.of(2025, 11, 5)));
        out.add(Arguments.of("Monday the 17th", LocalDate.of(2025, 11, 17)));
        out.add(Arguments.of("Friday the 17th", LocalDate.of(2025, 10, 17)));
        out.add(Arguments.of("Wednesday October 15th", LocalDate.of(2025, 10, 15)));
        out.add(Arguments.of("12/25", LocalDate.of(2025, 12, 25)));
        out.add(Arguments.of("February 29th", LocalDate.of(2028, 2, 29)));
        out.add(Arguments.of("March 3rd 2026", LocalDate.of(2026, 3, 3)));
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("monthDays")
    void monthAndDay(String text, LocalDate expected) {
        assertThat(parse(text).date()).as(text).isEqualTo(expected);
    }

    /** "1st", "2nd", "3rd", "11th", "22nd". */
    static final class SpokenOrdinal {
        static String of(int n) {
            int mod100 = n % 100;
            String s = mod100 >= 11 && mod100 <= 13 ? "th"
                    : switch (n % 10) {
                        case 1 -> "st";
                        case 2 -> "nd";
                        case 3 -> "rd";
                        default -> "th";
                    };
            return n + s;
        }
    }

    // -- vague ranges ----------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}..{2} {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            I need an appointment next week                  | 2025-10-13 | 2025-10-19 | -
            next week                                        | 2025-10-13 | 2025-10-19 | -
            sometime next week please                        | 2025-10-13 | 2025-10-19 | -
            the following week                               | 2025-10-13 | 2025-10-19 | -
            the week after next                              | 2025-10-20 | 2025-10-26 | -
            week after next                                  | 2025-10-20 | 2025-10-26 | -
            this week                                        | 2025-10-08 | 2025-10-12 | -
            later this week                                  | 2025-10-09 | 2025-10-12 | -
            end of the week                                  | 2025-10-09 | 2025-10-12 | -
            early next week                                  | 2025-10-13 | 2025-10-15 | -
            end of next week                                 | 2025-10-16 | 2025-10-19 | -
            this weekend                                     | 2025-10-11 | 2025-10-12 | -
            next weekend                                     | 2025-10-18 | 2025-10-19 | -
            next month                                       | 2025-11-01 | 2025-11-30 | -
            sometime next month                              | 2025-11-01 | 2025-11-30 | -
            this month                                       | 2025-10-08 | 2025-10-31 | -
            end of the month                                 | 2025-10-21 | 2025-10-31 | -
            early next month                                 | 2025-11-01 | 2025-11-10 | -
            early November                                   | 2025-11-01 | 2025-11-10 | -
            mid November                                     | 2025-11-11 | 2025-11-20 | -
            mid-December                                     | 2025-12-11 | 2025-12-20 | -
            the middle of December                           | 2025-12-11 | 2025-12-20 | -
            late November                                    | 2025-11-21 | 2025-11-30 | -
            the end of January                               | 2026-01-21 | 2026-01-31 | -
            the beginning of February                        | 2026-02-01 | 2026-02-10 | -
            in November                                      | 2025-11-01 | 2025-11-30 | -
            sometime in December                             | 2025-12-01 | 2025-12-31 | -
            in May                                           | 2026-05-01 | 2026-05-31 | -
            early May                                        | 2026-05-01 | 2026-05-10 | -
            in October                                       | 2025-10-08 | 2025-10-31 | -
            the first week of December                       | 2025-12-01 | 2025-12-07 | -
            the second week of November                      | 2025-11-08 | 2025-11-14 | -
            the last week of November                        | 2025-11-24 | 2025-11-30 | -
            the week of the 20th                             | 2025-10-20 | 2025-10-26 | -
            the week of November 3rd                         | 2025-11-03 | 2025-11-09 | -
            after the 20th                                   | 2025-10-21 | -          | -
            any day after the 20th at 10 am                  | 2025-10-21 | -          | -
            sometime after Christmas                         | 2025-12-26 | -          | -
            after Tuesday                                    | 2025-10-15 | -          | -
            before the 15th                                  | 2025-10-08 | 2025-10-14 | -
            by Friday                                        | 2025-10-08 | 2025-10-10 | -
            until the 20th                                   | 2025-10-08 | 2025-10-20 | -
            Tuesday or Wednesday                             | 2025-10-08 | 2025-10-14 | TUESDAY WEDNESDAY
            maybe Tuesday or Wednesday next week             | 2025-10-13 | 2025-10-19 | TUESDAY WEDNESDAY
            next Tuesday or Wednesday                        | 2025-10-13 | 2025-10-19 | TUESDAY WEDNESDAY
            Monday, Tuesday or Wednesday                     | 2025-10-08 | 2025-10-14 | MONDAY TUESDAY WEDNESDAY
            I'm free Monday or Friday afternoon              | 2025-10-08 | 2025-10-14 | MONDAY FRIDAY
            next week, Monday or Thursday                    | 2025-10-13 | 2025-10-19 | MONDAY THURSDAY
            in the next few days                             | 2025-10-08 | 2025-10-11 | -
            """)
    void vaguePhrasesAreRanges(String text, LocalDate earliest, LocalDate latest, String weekdays) {
        WhenPhrase w = parse(text);
        assertThat(w).as(text).isNotNull();
        assertThat(w.date()).as(text).isNull();
        assertThat(w.hasRange()).as(text).isTrue();
        assertThat(w.range().earliest()).as(text).isEqualTo(earliest);
        assertThat(w.range().latest()).as(text).isEqualTo(latest);
        Set<DayOfWeek> days = weekdays == null ? Set.of()
                : Stream.of(weekdays.split(" ")).map(DayOfWeek::valueOf).collect(java.util.stream.Collectors.toSet());
        assertThat(w.range().weekdays()).as(text).isEqualTo(days);
        assertThat(resolver.resolveNext(w, CTX)).as("a range never resolves to a start: " + text).isNull();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Tuesday next week                   | 2025-10-14
            next week on Thursday at 2          | 2025-10-16
            next week, maybe Tuesday            | 2025-10-14
            the week after next on Monday       | 2025-10-20
            the first week of December, Friday  | 2025-12-05
            """)
    void aWeekdayInsideARangePinsTheDay(String text, LocalDate expected) {
        assertThat(parse(text).date()).as(text).isEqualTo(expected);
    }

    // -- refused: past, impossible, unknown ---------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] \"{0}\" -> heard \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            yesterday                                  | yesterday
            yesterday afternoon at 3                   | yesterday
            can I come in yesterday at 3 pm            | yesterday
            last Friday at 2                           | last Friday
            last Monday                                | last Monday
            this past Monday                           | this past Monday
            last week                                  | last week
            last night at 8                            | last night
            three days ago                             | three days ago
            a week ago                                 | a week ago
            October 1st                                | October 1st
            October 7th at 10                          | October 7th
            September 30th                             | September 30th
            December 25 2024                           | December 25 2024
            February 30th                              | February 30th
            February the thirtieth                     | February the thirtieth
            April 31st                                 | April 31st
            June 31                                    | June 31
            the 31st of November                       | the 31st of November
            the 32nd                                   | the 32nd
            on the thirty second                       | the thirty second
            the 35th at 2                              | the 35th
            13/45                                      | 13/45
            2/30                                       | 2/30
            Thursday October 15th                      | Thursday October 15th
            Tuesday the 20th of October                | Tuesday the 20th of October
            on Diwali                                  | Diwali
            Hanukkah at 3                              | Hanukkah
            Chinese New Year                           | Chinese New Year
            Yom Kippur                                 | Yom Kippur
            Eid                                        | Eid
            the day after Ramadan                      | Ramadan
            Cinco de Mayo                              | Cinco de Mayo
            Presidents Day                             | Presidents Day
            after the holidays                         | the holidays
            on Flag Day                                | Flag Day
            St. Swithin's Day                          | St Swithin's Day
            Festivus Day at 10                         | Festivus Day
            """)
    void pastImpossibleAndUnknownDaysAreUnresolved(String text, String heard) {
        WhenPhrase w = parse(text);
        assertThat(w).as(text).isNotNull();
        assertThat(w.isUnresolved()).as(text).isTrue();
        assertThat(w.unresolved()).as(text).isEqualTo(heard);
        assertThat(w.date()).as("never a substitute date: " + text).isNull();
        assertThat(w.range()).as(text).isNull();
        assertThat(resolver.resolveNext(w, CTX)).as(text).isNull();
        // merged into an earlier answer ("tomorrow at 2"), the unusable day leaves no day and no lone time
        WhenPhrase merged = new WhenPhrase(TODAY.plusDays(1), LocalTime.of(14, 0), null, true).mergedWith(w);
        assertThat(merged.date()).isNull();
        assertThat(merged.time()).isNull();
        assertThat(merged.unresolved()).isEqualTo(heard);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            yesterday, no sorry, tomorrow at 2           | 2025-10-09
            I was there yesterday, can I come Friday     | 2025-10-10
            not last Friday, this Friday                 | 2025-10-10
            February 30th, I mean March 2nd              | 2026-03-02
            """)
    void aLaterDayCorrectsAnUnresolvedOne(String text, LocalDate expected) {
        WhenPhrase w = parse(text);
        assertThat(w.date()).as(text).isEqualTo(expected);
        assertThat(w.isUnresolved()).isFalse();
    }

    @Test
    void aTimeAloneStillMeansItsNextOccurrence() {
        ZonedDateTime start = resolver.resolveNext(parse("at 3 pm"), CTX);
        assertThat(start).isEqualTo(ZonedDateTime.of(2025, 10, 8, 15, 0, 0, 0, EDMONTON));
    }

    @Test
    void aLongDigitStringIsNoTime() {
        assertThat(parse("12345678901234")).isNull();
        assertThat(new RulesExtractor().extract("my account is 12345678901234567890", Expect.TIME, CTX).when()).isNull();
    }
}
