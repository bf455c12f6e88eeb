package app.bella.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpokenDatesTest {

    private static final ZoneId EDMONTON = ZoneId.of("America/Edmonton");

    private static ZonedDateTime at(String local) {
        return ZonedDateTime.of(LocalDateTime.parse(local), EDMONTON);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2025-10-09T14:00 | Thursday, October 9th at 2 PM",
        "2025-10-09T14:30 | Thursday, October 9th at 2:30 PM",
        "2025-10-01T09:05 | Wednesday, October 1st at 9:05 AM",
        "2025-10-02T12:00 | Thursday, October 2nd at noon",
        "2025-10-03T12:15 | Friday, October 3rd at 12:15 PM",
        "2025-10-04T00:00 | Saturday, October 4th at midnight",
        "2025-10-11T00:45 | Saturday, October 11th at 12:45 AM",
        "2025-10-12T11:59 | Sunday, October 12th at 11:59 AM",
        "2025-10-13T13:00 | Monday, October 13th at 1 PM",
        "2025-10-21T23:00 | Tuesday, October 21st at 11 PM",
        "2025-10-22T10:00 | Wednesday, October 22nd at 10 AM",
        "2025-10-23T10:00 | Thursday, October 23rd at 10 AM",
        "2025-10-24T10:00 | Friday, October 24th at 10 AM",
        "2025-10-31T10:00 | Friday, October 31st at 10 AM",
    })
    void dateTimeReadsNaturally(String local, String expected) {
        assertEquals(expected, SpokenDates.dateTime(at(local)));
    }

    @ParameterizedTest
    @CsvSource({
        "1, 1st", "2, 2nd", "3, 3rd", "4, 4th", "10, 10th", "11, 11th", "12, 12th", "13, 13th",
        "14, 14th", "20, 20th", "21, 21st", "22, 22nd", "23, 23rd", "30, 30th", "31, 31st",
        "101, 101st", "111, 111th", "112, 112th",
    })
    void ordinals(int n, String expected) {
        assertEquals(expected, SpokenDates.ordinal(n));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0   | 0 minutes",
        "1   | 1 minute",
        "15  | 15 minutes",
        "30  | 30 minutes",
        "45  | 45 minutes",
        "60  | an hour",
        "61  | an hour and 1 minute",
        "75  | an hour and 15 minutes",
        "90  | an hour and a half",
        "120 | 2 hours",
        "135 | 2 hours and 15 minutes",
        "150 | 2 and a half hours",
        "480 | 8 hours",
    })
    void durations(int minutes, String expected) {
        assertEquals(expected, SpokenDates.duration(minutes));
    }

    @Test
    void negativeDurationIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> SpokenDates.duration(-5));
    }

    @Test
    void dayAndTimeSeparately() {
        ZonedDateTime t = at("2025-10-09T14:30");
        assertEquals("Thursday, October 9th", SpokenDates.day(t));
        assertEquals("2:30 PM", SpokenDates.time(t));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2025-10-08T23:59 | today",
        "2025-10-08T00:00 | today",
        "2025-10-09T14:00 | tomorrow",
        "2025-10-09T00:00 | tomorrow",
        "2025-10-10T09:00 | ''",
        "2025-10-07T09:00 | ''",
    })
    void relativeDay(String local, String expected) {
        ZonedDateTime now = at("2025-10-08T10:00");
        assertEquals(expected, SpokenDates.relativeDay(at(local), now));
    }

    @Test
    void relativeDayComparesInTheAppointmentsZone() {
        // 03:00 UTC on the 9th is still the evening of the 8th in Edmonton
        ZonedDateTime nowUtc = ZonedDateTime.of(LocalDateTime.parse("2025-10-09T03:00"), ZoneOffset.UTC);
        assertEquals("tomorrow", SpokenDates.relativeDay(at("2025-10-09T14:00"), nowUtc));
    }

    @Test
    void readBackPrefixesTodayOrTomorrow() {
        ZonedDateTime now = at("2025-10-08T10:00");
        assertEquals("tomorrow, Thursday, October 9th at 2 PM", SpokenDates.readBack(at("2025-10-09T14:00"), now));
        assertEquals("today, Wednesday, October 8th at 4:15 PM", SpokenDates.readBack(at("2025-10-08T16:15"), now));
        assertEquals("Monday, October 13th at 9 AM", SpokenDates.readBack(at("2025-10-13T09:00"), now));
    }
}
