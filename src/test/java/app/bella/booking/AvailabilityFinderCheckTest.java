package app.bella.booking;

import static app.bella.booking.Fixtures.EDMONTON;
import static app.bella.booking.Fixtures.HALF_HOUR;
import static app.bella.booking.Fixtures.NOW;
import static app.bella.booking.Fixtures.at;
import static app.bella.booking.Fixtures.busy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.bella.booking.SlotCheck.Status;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AvailabilityFinderCheckTest {

    private final AvailabilityFinder finder = new AvailabilityFinder();
    private final Schedule schedule = Schedule.defaults(EDMONTON);
    private final List<Long> anyone = List.of(1L, 2L);

    private SlotCheck check(Schedule s, String wish, Duration length, List<Long> providers, List<Busy> busy) {
        return finder.check(s, NOW, at(wish), length, providers, busy);
    }

    private SlotCheck check(String wish, List<Busy> busy) {
        return check(schedule, wish, HALF_HOUR, anyone, busy);
    }

    @Test
    void freeSlotGoesToFirstProvider() {
        SlotCheck result = check("2025-10-09T14:00", List.of());
        assertEquals(Status.OK, result.status());
        assertEquals(1L, result.providerId().getAsLong());
    }

    @Test
    void anyoneMeansFirstFreeProviderInGivenOrder() {
        List<Busy> busy = List.of(busy(1, "2025-10-09T14:00", "2025-10-09T14:30"));
        assertEquals(SlotCheck.ok(2), check("2025-10-09T14:00", busy));
        assertEquals(SlotCheck.ok(2), check(schedule, "2025-10-09T14:00", HALF_HOUR, List.of(2L, 1L), busy));
        assertEquals(SlotCheck.ok(3), check(schedule, "2025-10-09T14:00", HALF_HOUR, List.of(1L, 3L, 2L), busy));
    }

    @Test
    void takenWhenEveryProviderIsBusy() {
        List<Busy> busy = List.of(
                busy(1, "2025-10-09T13:45", "2025-10-09T14:15"),
                busy(2, "2025-10-09T14:15", "2025-10-09T15:00"));
        assertEquals(SlotCheck.rejected(Status.TAKEN), check("2025-10-09T14:00", busy));
        assertEquals(SlotCheck.ok(1), check("2025-10-09T14:15", busy));
    }

    @Test
    void takenWhenNoProvidersAreGiven() {
        assertEquals(Status.TAKEN, check(schedule, "2025-10-09T14:00", HALF_HOUR, List.of(), List.of()).status());
    }

    @Test
    void busyIntervalsOfUnlistedProvidersAreIgnored() {
        List<Busy> busy = List.of(busy(9, "2025-10-09T09:00", "2025-10-09T17:00"));
        assertEquals(SlotCheck.ok(1), check("2025-10-09T14:00", busy));
    }

    @Test
    void backToBackIsAllowedWithoutBuffer() {
        List<Busy> busy = List.of(
                busy(1, "2025-10-09T13:30", "2025-10-09T14:00"),
                busy(1, "2025-10-09T14:30", "2025-10-09T15:00"));
        assertEquals(SlotCheck.ok(1), check("2025-10-09T14:00", busy));
    }

    @Test
    void bufferKeepsAGapBeforeAndAfterExistingAppointments() {
        Schedule buffered = schedule.withBufferMinutes(10);
        List<Busy> before = List.of(busy(1, "2025-10-09T13:30", "2025-10-09T14:00"));
        List<Busy> after = List.of(busy(1, "2025-10-09T14:30", "2025-10-09T15:00"));
        assertEquals(SlotCheck.ok(2), check(buffered, "2025-10-09T14:00", HALF_HOUR, anyone, before));
        assertEquals(SlotCheck.ok(2), check(buffered, "2025-10-09T14:00", HALF_HOUR, anyone, after));
        assertEquals(Status.TAKEN, check(buffered, "2025-10-09T14:00", HALF_HOUR, List.of(1L), after).status());
        // exactly the buffer apart is fine
        assertEquals(SlotCheck.ok(1), check(buffered, "2025-10-09T14:10", HALF_HOUR, List.of(1L), before));
        assertEquals(SlotCheck.ok(1), check(buffered, "2025-10-09T13:50", HALF_HOUR, List.of(1L), after));
    }

    @Test
    void overlappingAndUnsortedBusyIntervalsAreAllRespected() {
        // A long block listed after short ones: a naive "previous interval only" check would miss it.
        List<Busy> busy = List.of(
                busy(1, "2025-10-09T16:00", "2025-10-09T16:30"),
                busy(1, "2025-10-09T10:00", "2025-10-09T10:30"),
                busy(1, "2025-10-09T09:00", "2025-10-09T15:00"),
                busy(1, "2025-10-09T11:00", "2025-10-09T11:15"));
        List<Long> one = List.of(1L);
        assertEquals(Status.TAKEN, check(schedule, "2025-10-09T14:00", HALF_HOUR, one, busy).status());
        assertEquals(Status.TAKEN, check(schedule, "2025-10-09T12:00", HALF_HOUR, one, busy).status());
        assertEquals(Status.OK, check(schedule, "2025-10-09T15:00", HALF_HOUR, one, busy).status());
        assertEquals(Status.TAKEN, check(schedule, "2025-10-09T15:45", HALF_HOUR, one, busy).status());
        assertEquals(Status.OK, check(schedule, "2025-10-09T16:30", HALF_HOUR, one, busy).status());
    }

    @ParameterizedTest(name = "{0} for {1} min -> {2}")
    @CsvSource({
        "2025-10-09T16:45, 30, OUTSIDE_HOURS",   // would end 17:15, after the 17:00 close
        "2025-10-09T16:30, 30, OK",              // ends exactly at close
        "2025-10-09T17:00, 15, OUTSIDE_HOURS",
        "2025-10-09T08:45, 30, OUTSIDE_HOURS",
        "2025-10-09T09:00, 30, OK",
        "2025-10-09T09:00, 480, OK",             // the whole day
        "2025-10-09T09:00, 481, OUTSIDE_HOURS",
        "2025-10-09T14:10, 30, OK",              // unaligned wishes are accepted when free
        "2025-10-11T10:00, 30, CLOSED_DAY",      // Saturday
        "2025-10-12T10:00, 30, CLOSED_DAY",      // Sunday
        "2025-10-06T07:00, 30, IN_PAST",
        "2025-10-03T10:00, 30, IN_PAST",
        "2026-01-02T10:00, 30, OK",              // 88 days ahead: inside the 90-day horizon
        "2026-01-05T10:00, 30, BEYOND_HORIZON",  // 91 days ahead
    })
    void rulesOnTheDefaultSchedule(String wish, int minutes, Status expected) {
        assertEquals(expected, check(schedule, wish, Duration.ofMinutes(minutes), anyone, List.of()).status());
    }

    @Test
    void horizonBoundaryIsInclusive() {
        Schedule s = schedule.withHorizon(Duration.ofDays(3).plusHours(6)); // up to Thu 14:00
        assertEquals(Status.OK, check(s, "2025-10-09T14:00", HALF_HOUR, anyone, List.of()).status());
        assertEquals(Status.BEYOND_HORIZON, check(s, "2025-10-09T14:15", HALF_HOUR, anyone, List.of()).status());
        assertEquals(Status.BEYOND_HORIZON, check(schedule, "2026-01-05T10:00", HALF_HOUR, anyone, List.of()).status());
    }

    @Test
    void leadTimeRejectsStartsTooSoonButAcceptsTheBoundary() {
        Schedule s = schedule.withMinLeadTime(Duration.ofHours(2)); // earliest 10:00 Monday
        assertEquals(Status.TOO_SOON, check(s, "2025-10-06T09:00", HALF_HOUR, anyone, List.of()).status());
        assertEquals(Status.TOO_SOON, check(s, "2025-10-06T09:45", HALF_HOUR, anyone, List.of()).status());
        assertEquals(Status.OK, check(s, "2025-10-06T10:00", HALF_HOUR, anyone, List.of()).status());
        assertEquals(Status.IN_PAST, check(s, "2025-10-06T07:59", HALF_HOUR, anyone, List.of()).status());
    }

    @Test
    void closureDatesAreClosedDays() {
        Schedule s = schedule.withClosures(Set.of(LocalDate.of(2025, 10, 13))); // Thanksgiving (Canada)
        assertEquals(Status.CLOSED_DAY, check(s, "2025-10-13T10:00", HALF_HOUR, anyone, List.of()).status());
        assertEquals(Status.OK, check(s, "2025-10-14T10:00", HALF_HOUR, anyone, List.of()).status());
    }

    @Test
    void lunchBreakSplitsTheDay() {
        Schedule s = schedule.withHours(OpeningHours.parse("Mon-Fri 09:00-12:00,13:00-17:00"));
        assertEquals(Status.OK, check(s, "2025-10-09T11:30", HALF_HOUR, anyone, List.of()).status());
        assertEquals(Status.OUTSIDE_HOURS, check(s, "2025-10-09T11:45", HALF_HOUR, anyone, List.of()).status());
        assertEquals(Status.OUTSIDE_HOURS, check(s, "2025-10-09T12:30", HALF_HOUR, anyone, List.of()).status());
        assertEquals(Status.OK, check(s, "2025-10-09T13:00", HALF_HOUR, anyone, List.of()).status());
    }

    @Test
    void earlierRuleWinsWhenSeveralApply() {
        Schedule s = schedule.withMinLeadTime(Duration.ofHours(1));
        // Saturday in the past is reported as past, not closed
        assertEquals(Status.IN_PAST, check(s, "2025-10-04T10:00", HALF_HOUR, anyone, List.of()).status());
        // closed Saturday that is also fully busy is reported as closed
        List<Busy> busy = List.of(busy(1, "2025-10-11T00:00", "2025-10-12T00:00"));
        assertEquals(Status.CLOSED_DAY, check(s, "2025-10-11T10:00", HALF_HOUR, List.of(1L), busy).status());
    }

    @Test
    void wishInAnotherZoneIsJudgedInTheScheduleZone() {
        // 20:00 UTC on Thursday 2025-10-09 is 14:00 in Edmonton (MDT, -06:00)
        var utcWish = at("2025-10-09T14:00").withZoneSameInstant(ZoneOffset.UTC);
        assertEquals(20, utcWish.getHour());
        assertEquals(Status.OK, finder.check(schedule, NOW, utcWish, HALF_HOUR, anyone, List.of()).status());
        var lateUtc = at("2025-10-09T17:00").withZoneSameInstant(ZoneOffset.UTC);
        assertEquals(Status.OUTSIDE_HOURS,
                finder.check(schedule, NOW, lateUtc, HALF_HOUR, anyone, List.of()).status());
    }

    @Test
    void rejectsInvalidArguments() {
        assertThrows(IllegalArgumentException.class,
                () -> check(schedule, "2025-10-09T14:00", Duration.ZERO, anyone, List.of()));
        assertThrows(NullPointerException.class,
                () -> finder.check(schedule, NOW, null, HALF_HOUR, anyone, List.of()));
    }
}
