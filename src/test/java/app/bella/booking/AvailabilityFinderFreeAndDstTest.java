package app.bella.booking;

import static app.bella.booking.Fixtures.EDMONTON;
import static app.bella.booking.Fixtures.HALF_HOUR;
import static app.bella.booking.Fixtures.NOW;
import static app.bella.booking.Fixtures.at;
import static app.bella.booking.Fixtures.busy;
import static app.bella.booking.Fixtures.starts;
import static app.bella.booking.Fixtures.times;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.bella.booking.SlotCheck.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AvailabilityFinderFreeAndDstTest {

    private final AvailabilityFinder finder = new AvailabilityFinder();
    private final Schedule schedule = Schedule.defaults(EDMONTON);
    private final List<Long> one = List.of(1L);
    private static final LocalDate THURSDAY = LocalDate.of(2025, 10, 9);

    private List<Slot> freeOn(Schedule s, Instant now, LocalDate day, Duration length, List<Busy> busy) {
        return finder.free(s, now, day, day, length, one, busy);
    }

    @Test
    void freeListsEveryAlignedSlotThatFitsBeforeClosing() {
        List<Slot> slots = freeOn(schedule, NOW, THURSDAY, HALF_HOUR, List.of());
        assertEquals(31, slots.size()); // 09:00, 09:15, ... 16:30
        assertEquals("09:00", times(slots).get(0));
        assertEquals("16:30", times(slots).get(30));
        assertEquals(LocalTime.of(17, 0), slots.get(30).end().toLocalTime());
        assertEquals(Duration.ofMinutes(60), Duration.between(slots.get(0).start(), slots.get(4).start()));
    }

    @Test
    void freeHonoursBusyBuffersAndProviders() {
        List<Busy> busy = List.of(busy(1, "2025-10-09T10:00", "2025-10-09T16:00"));
        assertEquals(List.of("09:00", "09:15", "09:30", "16:00", "16:15", "16:30"),
                times(freeOn(schedule, NOW, THURSDAY, HALF_HOUR, busy)));
        assertEquals(List.of("09:00", "09:15", "16:15", "16:30"),
                times(freeOn(schedule.withBufferMinutes(15), NOW, THURSDAY, HALF_HOUR, busy)));
        List<Slot> twoProviders = finder.free(schedule, NOW, THURSDAY, THURSDAY, HALF_HOUR, List.of(1L, 2L), busy);
        assertEquals(31, twoProviders.size());
        assertEquals(2L, twoProviders.stream().filter(s -> s.start().getHour() == 12).findFirst().orElseThrow()
                .providerId());
    }

    @Test
    void freeOverARangeSkipsWeekendsClosuresPastAndHorizon() {
        Schedule s = schedule.withClosures(Set.of(LocalDate.of(2025, 10, 8))).withHorizon(Duration.ofDays(4));
        Instant now = at("2025-10-06T16:20").toInstant(); // Monday afternoon
        List<Slot> slots = finder.free(s, now, LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 31), HALF_HOUR,
                one, List.of());
        Set<LocalDate> days = slots.stream().map(x -> x.start().toLocalDate()).collect(Collectors.toSet());
        assertEquals(Set.of(LocalDate.of(2025, 10, 6), LocalDate.of(2025, 10, 7), LocalDate.of(2025, 10, 9),
                LocalDate.of(2025, 10, 10)), days);
        assertEquals("2025-10-06T16:30", starts(slots).get(0));           // nothing before now
        assertEquals("2025-10-10T16:15", starts(slots).get(slots.size() - 1)); // horizon: Fri 16:20
        assertTrue(finder.free(s, now, LocalDate.of(2025, 10, 11), LocalDate.of(2025, 10, 12), HALF_HOUR,
                one, List.of()).isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> finder.free(s, now, THURSDAY, THURSDAY.minusDays(1), HALF_HOUR, one, List.of()));
    }

    @Test
    void freeWithLunchBreakAndLongAppointments() {
        Schedule s = schedule.withHours(OpeningHours.parse("Mon-Fri 09:00-12:00,13:00-17:00"));
        List<Slot> slots = freeOn(s, NOW, THURSDAY, Duration.ofMinutes(150), List.of());
        assertEquals(List.of("09:00", "09:15", "09:30", "13:00", "13:15", "13:30", "13:45", "14:00", "14:15",
                "14:30"), times(slots));
    }

    // --- DST: America/Edmonton falls back on 2025-11-02 and springs forward on 2026-03-08 ---

    @Test
    void fallBackKeepsLocalHoursAndChangesTheOffset() {
        Instant now = at("2025-10-30T08:00").toInstant();
        List<Slot> friday = freeOn(schedule, now, LocalDate.of(2025, 10, 31), HALF_HOUR, List.of());
        List<Slot> monday = freeOn(schedule, now, LocalDate.of(2025, 11, 3), HALF_HOUR, List.of());
        assertEquals(ZoneOffset.ofHours(-6), friday.get(0).start().getOffset());
        assertEquals(ZoneOffset.ofHours(-7), monday.get(0).start().getOffset());
        assertEquals(LocalTime.of(9, 0), monday.get(0).start().toLocalTime());
        assertEquals(Instant.parse("2025-11-03T16:00:00Z"), monday.get(0).start().toInstant());
        assertEquals(31, monday.size());
        assertEquals(LocalTime.of(17, 0), monday.get(30).end().toLocalTime());
    }

    @Test
    void nearestAcrossTheFallBackWeekend() {
        Instant now = at("2025-10-30T08:00").toInstant();
        List<Slot> slots = finder.nearest(schedule, now, at("2025-11-02T20:00"), HALF_HOUR, one, List.of(), 1);
        assertEquals("2025-11-03T09:00-07:00[America/Edmonton]", slots.get(0).start().toString());
    }

    @Test
    void checkAfterFallBackUsesTheNewOffset() {
        Instant now = at("2025-10-30T08:00").toInstant();
        ZonedDateTime nineUtc = ZonedDateTime.of(LocalDateTime.parse("2025-11-03T16:00"), ZoneOffset.UTC);
        ZonedDateTime eightLocal = ZonedDateTime.of(LocalDateTime.parse("2025-11-03T15:00"), ZoneOffset.UTC);
        assertEquals(Status.OK, finder.check(schedule, now, nineUtc, HALF_HOUR, one, List.of()).status());
        assertEquals(Status.OUTSIDE_HOURS, finder.check(schedule, now, eightLocal, HALF_HOUR, one, List.of()).status());
        // 15:00 UTC was 09:00 local the Friday before, under MDT
        ZonedDateTime fridayNine = ZonedDateTime.of(LocalDateTime.parse("2025-10-31T15:00"), ZoneOffset.UTC);
        assertEquals(Status.OK, finder.check(schedule, now, fridayNine, HALF_HOUR, one, List.of()).status());
    }

    @Test
    void springForwardKeepsLocalHoursAndChangesTheOffset() {
        Instant now = at("2026-03-05T08:00").toInstant();
        List<Slot> friday = freeOn(schedule, now, LocalDate.of(2026, 3, 6), HALF_HOUR, List.of());
        List<Slot> monday = freeOn(schedule, now, LocalDate.of(2026, 3, 9), HALF_HOUR, List.of());
        assertEquals(ZoneOffset.ofHours(-7), friday.get(0).start().getOffset());
        assertEquals(ZoneOffset.ofHours(-6), monday.get(0).start().getOffset());
        assertEquals(LocalTime.of(9, 0), monday.get(0).start().toLocalTime());
        assertEquals(31, monday.size());
    }

    @Test
    void nightHoursOnSpringForwardSkipTheMissingHour() {
        Schedule night = schedule.withHours(OpeningHours.parse("Sun 00:00-06:00")).withSlotMinutes(30);
        Instant now = at("2026-03-01T00:00").toInstant();
        List<Slot> slots = freeOn(night, now, LocalDate.of(2026, 3, 8), HALF_HOUR, List.of());
        assertEquals(List.of("00:00", "00:30", "01:00", "01:30", "03:00", "03:30", "04:00", "04:30", "05:00",
                "05:30"), times(slots));
        Slot lastBeforeGap = slots.get(3);
        assertEquals(LocalTime.of(3, 0), lastBeforeGap.end().toLocalTime()); // 30 real minutes
        assertEquals(Duration.ofMinutes(30), Duration.between(lastBeforeGap.start(), lastBeforeGap.end()));
    }

    @Test
    void nightHoursOnFallBackOfferTheRepeatedHourOnce() {
        Schedule night = schedule.withHours(OpeningHours.parse("Sun 00:00-06:00")).withSlotMinutes(30);
        Instant now = at("2025-10-26T00:00").toInstant();
        List<Slot> slots = freeOn(night, now, LocalDate.of(2025, 11, 2), Duration.ofMinutes(60), List.of());
        assertEquals(List.of("00:00", "00:30", "01:00", "01:30", "02:00", "02:30", "03:00", "03:30", "04:00",
                "04:30", "05:00"), times(slots));
        Slot repeated = slots.get(3); // 01:30 MDT plus one real hour is 01:30 MST
        assertEquals(ZoneOffset.ofHours(-6), repeated.start().getOffset());
        assertEquals(LocalTime.of(1, 30), repeated.end().toLocalTime());
        assertEquals(ZoneOffset.ofHours(-7), repeated.end().getOffset());
        // the second 01:30 (MST) is a real, bookable time when asked for explicitly
        ZonedDateTime secondOneThirty = ZonedDateTime.ofStrict(LocalDateTime.parse("2025-11-02T01:30"),
                ZoneOffset.ofHours(-7), EDMONTON);
        assertEquals(Status.OK, finder.check(night, now, secondOneThirty, HALF_HOUR, one, List.of()).status());
        assertFalse(starts(slots).contains("2025-11-02T06:00"));
    }
}
