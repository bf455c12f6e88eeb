package app.bella.nlu;

import static app.bella.nlu.Fixtures.CTX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** "Now" is Wednesday 2025-10-08 (Fixtures.CTX). */
class AppointmentReferenceTest {

    private final AppointmentReference reference = new AppointmentReference();

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            could you move my appointment on the 16th to Friday the 17th at 2 pm  | 2025-10-16
            I need to move my Tuesday appointment to Wednesday the 15th at 9:30 am | 2025-10-14
            cancel my appointment on the 16th                                     | 2025-10-16
            I'd like to cancel tomorrow's appointment                             | 2025-10-09
            the appointment for Thursday, can we push it to next week             | 2025-10-09
            move the cleaning on October 20th to the 22nd                          | 2025-10-20
            my Friday the 17th appointment, I can't make it                       | 2025-10-17
            """)
    void theDayThatNamesTheAppointment(String text, String day) {
        assertEquals(LocalDate.parse(day), reference.day(text, CTX));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" names no appointment by day")
    @ValueSource(strings = {"move my appointment to Friday at 2", "I want to cancel my appointment", "",
            "my appointment, the one next week", "reschedule it to the 16th", "move my appointment to the morning"})
    void noDay(String text) {
        assertNull(reference.day(text, CTX));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}..{2}")
    @CsvSource(delimiter = '|', textBlock = """
            I need to cancel the one next week, the other one's fine      | 2025-10-13 | 2025-10-19
            I need to move the one next week to Thursday the 16th         | 2025-10-13 | 2025-10-19
            can you cancel my appointment this week                        | 2025-10-08 | 2025-10-12
            """)
    void thePeriodThatNamesTheAppointment(String text, String from, String to) {
        DateRange period = reference.period(text, CTX);
        assertEquals(LocalDate.parse(from), period.earliest());
        assertEquals(LocalDate.parse(to), period.latest());
    }

    @ParameterizedTest
    @ValueSource(strings = {"move my appointment to next week", "cancel it", "I want one next week"})
    void noPeriod(String text) {
        assertNull(reference.period(text, CTX));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            I need to cancel the later one                   | -1
            can you move the second appointment              | 1
            the earlier one, please                          | 0
            cancel my last booking                           | -1
            I want to cancel my appointment                  | -
            """)
    void thePlaceThatNamesTheAppointment(String text, Integer position) {
        assertEquals(position, reference.position(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"I need to cancel both of my appointments", "cancel all three please", "can you cancel them all",
            "cancel all of them", "I'd like to cancel everything I have booked", "every single one, cancel them",
            "all my appointments need cancelling"})
    void wordsThatNameEveryAppointment(String text) {
        assertTrue(reference.every(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cancel my appointment", "that's all", "cancel the later one", "all good, cancel it",
            "I want to cancel the one on Friday"})
    void wordsThatNameOneAppointment(String text) {
        assertFalse(reference.every(text), text);
    }
}
