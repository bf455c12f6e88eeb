package app.bella.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpeningHoursTest {

    private static final String LUNCH_SPEC = "Mon-Thu 09:00-12:00,13:00-17:00; Fri 09:00-15:00; Sat 10:00-14:00";
    private static final LocalDate THURSDAY = LocalDate.of(2025, 10, 9);

    private static LocalTime t(String hhmm) {
        return LocalTime.parse(hhmm);
    }

    @Test
    void parsesSimpleWeekdaySpan() {
        OpeningHours hours = OpeningHours.parse("Mon-Fri 09:00-17:00");
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY)) {
            assertEquals(List.of(new LocalTimeRange(t("09:00"), t("17:00"))), hours.on(day));
        }
        assertTrue(hours.on(DayOfWeek.SATURDAY).isEmpty());
        assertTrue(hours.on(DayOfWeek.SUNDAY).isEmpty());
    }

    @Test
    void parsesSeveralRangesPerDayAndSeveralSegments() {
        OpeningHours hours = OpeningHours.parse(LUNCH_SPEC);
        assertEquals(List.of(LocalTimeRange.parse("09:00-12:00"), LocalTimeRange.parse("13:00-17:00")),
                hours.on(DayOfWeek.THURSDAY));
        assertEquals(List.of(LocalTimeRange.parse("09:00-15:00")), hours.on(DayOfWeek.FRIDAY));
        assertEquals(List.of(LocalTimeRange.parse("10:00-14:00")), hours.on(DayOfWeek.SATURDAY));
        assertFalse(hours.isOpenOn(DayOfWeek.SUNDAY));
    }

    @Test
    void acceptsDayListsLooseSpacingSingleDigitHoursAndTrailingSemicolon() {
        OpeningHours hours = OpeningHours.parse("  mon,Wed  9:00-12:00 , 13:30-18:00 ;");
        assertEquals(List.of(LocalTimeRange.parse("09:00-12:00"), LocalTimeRange.parse("13:30-18:00")),
                hours.on(DayOfWeek.WEDNESDAY));
        assertTrue(hours.isOpenOn(DayOfWeek.MONDAY));
        assertFalse(hours.isOpenOn(DayOfWeek.TUESDAY));
    }

    @Test
    void sortsRangesGivenOutOfOrder() {
        OpeningHours hours = OpeningHours.parse("Tue 13:00-17:00,09:00-12:00");
        assertEquals(t("09:00"), hours.on(DayOfWeek.TUESDAY).get(0).start());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Mon-Fri 09:00-17:00",
        "Mon-Thu 09:00-12:00,13:00-17:00; Fri 09:00-15:00; Sat 10:00-14:00",
        "Mon 08:00-12:00; Wed 08:00-12:00; Sun 11:00-13:00",
        "Mon-Sun 00:00-23:59"
    })
    void toStringRoundTrips(String spec) {
        OpeningHours hours = OpeningHours.parse(spec);
        assertEquals(spec, hours.toString());
        assertEquals(hours, OpeningHours.parse(hours.toString()));
    }

    @Test
    void toStringIsCanonical() {
        assertEquals("Mon-Fri 09:00-17:00", OpeningHours.parse("Mon,Tue,Wed-Fri 9:00-17:00").toString());
        assertEquals("Mon-Tue 09:00-17:00", OpeningHours.parse("Tue 09:00-17:00; Mon 09:00-17:00").toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Mon-Fri 09:00-17:00x       | 17:00x",
        "Mun 09:00-17:00            | Mun",
        "Mon-Fry 09:00-17:00        | Fry",
        "Fri-Mon 09:00-17:00        | Fri-Mon",
        "Mon 17:00-09:00            | 17:00-09:00",
        "Mon 09:00                  | 09:00",
        "Mon 25:00-26:00            | 25:00",
        "Mon-Fri                    | Mon-Fri",
        "Mon 09:00-12:00,11:00-13:00 | overlapping",
        "Mon 09:00-12:00; Mon 13:00-14:00 | Mon",
        "Mon--Fri 09:00-17:00       | Mon--Fri",
    })
    void rejectsBadSpecsNamingTheToken(String spec, String token) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpeningHours.parse(spec));
        assertTrue(e.getMessage().contains(token), () -> "message '" + e.getMessage() + "' should name " + token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", ";", " ; ; "})
    void rejectsEmptySpecs(String spec) {
        assertThrows(IllegalArgumentException.class, () -> OpeningHours.parse(spec));
    }

    @ParameterizedTest
    @CsvSource({
        "09:00, 09:30, true",
        "11:30, 12:00, true",    // ends exactly at the lunch break
        "11:45, 12:15, false",   // runs into lunch
        "12:15, 12:45, false",   // during lunch
        "13:00, 17:00, true",
        "16:45, 17:15, false",   // past closing
        "08:45, 09:15, false",   // before opening
        "11:00, 14:00, false",   // spans two ranges: must fit one
    })
    void coversRequiresTheWholeAppointmentInOneRange(String from, String to, boolean expected) {
        OpeningHours hours = OpeningHours.parse(LUNCH_SPEC);
        assertEquals(expected, hours.covers(THURSDAY, t(from), t(to)));
    }

    @Test
    void coversNothingOnClosedDay() {
        OpeningHours hours = OpeningHours.parse(LUNCH_SPEC);
        assertFalse(hours.covers(THURSDAY.plusDays(3), t("10:00"), t("10:30"))); // Sunday
    }

    @Test
    void ofCopiesAndValidates() {
        OpeningHours hours = OpeningHours.of(Map.of(DayOfWeek.MONDAY, List.of(LocalTimeRange.parse("10:00-11:00"))));
        assertEquals("Mon 10:00-11:00", hours.toString());
        assertThrows(UnsupportedOperationException.class,
                () -> hours.on(DayOfWeek.MONDAY).add(LocalTimeRange.parse("12:00-13:00")));
        assertTrue(OpeningHours.closed().isAlwaysClosed());
    }

    @Test
    void localTimeRangeRejectsEmptyOrBackwardRanges() {
        assertThrows(IllegalArgumentException.class, () -> new LocalTimeRange(t("10:00"), t("10:00")));
        assertThrows(IllegalArgumentException.class, () -> LocalTimeRange.parse("10:00-09:00"));
        assertEquals("09:05-17:00", LocalTimeRange.parse("9:05-17:00").toString());
        assertEquals(545, LocalTimeRange.parse("9:05-17:00").startMinute());
    }
}
