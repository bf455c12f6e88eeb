package app.bella.booking;

import static app.bella.booking.Fixtures.EDMONTON;
import static app.bella.booking.Fixtures.HALF_HOUR;
import static app.bella.booking.Fixtures.NOW;
import static app.bella.booking.Fixtures.at;
import static app.bella.booking.Fixtures.busy;
import static app.bella.booking.Fixtures.starts;
import static app.bella.booking.Fixtures.times;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AvailabilityFinderNearestTest {

    private final AvailabilityFinder finder = new AvailabilityFinder();
    private final Schedule schedule = Schedule.defaults(EDMONTON);
    private final List<Long> one = List.of(1L);

    private List<Slot> nearest(Schedule s, String wish, List<Long> providers, List<Busy> busy, int n) {
        return finder.nearest(s, NOW, at(wish), HALF_HOUR, providers, busy, n);
    }

    @Test
    void alternativesAroundATakenTwoPmAreOrderedByDistanceEarlierFirstOnTies() {
        List<Busy> busy = List.of(busy(1, "2025-10-09T14:00", "2025-10-09T14:30"));
        List<Slot> slots = nearest(schedule, "2025-10-09T14:00", one, busy, 4);
        assertEquals(List.of("13:30", "14:30", "13:15", "14:45"), times(slots));
        assertTrue(slots.stream().allMatch(s -> s.providerId() == 1L));
        assertEquals(at("2025-10-09T14:00"), slots.get(0).end());
    }

    @Test
    void buffersPushAlternativesFurtherOut() {
        List<Busy> busy = List.of(busy(1, "2025-10-09T14:00", "2025-10-09T14:30"));
        List<Slot> slots = nearest(schedule.withBufferMinutes(15), "2025-10-09T14:00", one, busy, 4);
        assertEquals(List.of("13:15", "14:45", "13:00", "15:00"), times(slots));
    }

    @Test
    void freeWishComesFirstThenNeighbours() {
        List<Slot> slots = nearest(schedule, "2025-10-09T14:00", List.of(1L, 2L), List.of(), 3);
        assertEquals(List.of("14:00", "13:45", "14:15"), times(slots));
        assertEquals(3, slots.stream().map(Slot::start).distinct().count());
        assertTrue(slots.stream().allMatch(s -> s.providerId() == 1L));
    }

    @Test
    void anotherProviderTakesTheWishWhenTheFirstIsBusy() {
        List<Busy> busy = List.of(busy(1, "2025-10-09T14:00", "2025-10-09T14:30"));
        List<Slot> slots = nearest(schedule, "2025-10-09T14:00", List.of(1L, 2L), busy, 5);
        assertEquals(List.of("14:00", "13:45", "14:15", "13:30", "14:30"), times(slots));
        assertEquals(List.of(2L, 2L, 2L, 1L, 1L), slots.stream().map(Slot::providerId).collect(Collectors.toList()));
    }

    @Test
    void unalignedWishFindsAlignedSlotsOnBothSides() {
        List<Slot> slots = nearest(schedule, "2025-10-09T14:10", one, List.of(), 3);
        assertEquals(List.of("14:15", "14:00", "14:30"), times(slots));
    }

    @Test
    void crossesIntoOtherDaysAndSkipsWeekends() {
        List<Busy> busy = List.of(busy(1, "2025-10-09T09:00", "2025-10-09T10:00"));
        assertEquals(List.of("2025-10-09T10:00", "2025-10-09T10:15"),
                starts(nearest(schedule, "2025-10-09T09:00", one, busy, 2)));
        assertEquals(List.of("2025-10-09T16:30", "2025-10-09T16:15"),
                starts(nearest(schedule, "2025-10-09T17:30", one, List.of(), 2)));
        // Saturday noon: Friday 16:30 is 19.5 h away, Monday 09:00 is 45 h away
        assertEquals(List.of("2025-10-10T16:30", "2025-10-10T16:15"),
                starts(nearest(schedule, "2025-10-11T12:00", one, List.of(), 2)));
        // Sunday 23:00: Monday 09:00 is 10 h away, Friday 16:30 is 54.5 h away
        assertEquals(List.of("2025-10-13T09:00", "2025-10-13T09:15"),
                starts(nearest(schedule, "2025-10-12T23:00", one, List.of(), 2)));
    }

    @Test
    void skipsClosures() {
        Schedule s = schedule.withClosures(Set.of(LocalDate.of(2025, 10, 9)));
        // Thursday closed: Wednesday 16:30 (19.5 h) beats Friday 09:00 (21 h), which ties
        // with Wednesday 15:00 and so comes right after it
        assertEquals(List.of("2025-10-08T16:30", "2025-10-08T16:15", "2025-10-08T16:00", "2025-10-08T15:45",
                        "2025-10-08T15:30", "2025-10-08T15:15", "2025-10-08T15:00", "2025-10-10T09:00"),
                starts(nearest(s, "2025-10-09T12:00", one, List.of(), 8)));
    }

    @Test
    void lunchBreakIsNeverStraddled() {
        Schedule s = schedule.withHours(OpeningHours.parse("Mon-Fri 09:00-12:00,13:00-17:00"));
        assertEquals(List.of("11:30", "11:15", "11:00", "13:00", "10:45"),
                times(nearest(s, "2025-10-09T12:00", one, List.of(), 5)));
    }

    @Test
    void slotsAreAlignedToTheStartOfEachRange() {
        Schedule s = schedule.withHours(OpeningHours.parse("Mon-Fri 09:10-12:00,13:05-17:00"));
        assertEquals(List.of("09:55", "10:10"), times(nearest(s, "2025-10-09T10:00", one, List.of(), 2)));
        assertEquals(List.of("13:05", "13:20"), times(nearest(s, "2025-10-09T12:40", one, List.of(), 2)));
        // 11:25 is the last 30-minute slot of the morning (11:40 would end after 12:00)
        assertEquals(List.of("11:25", "13:05"), times(nearest(s, "2025-10-09T12:10", one, List.of(), 2)));
        Schedule hourly = schedule.withSlotMinutes(60);
        assertEquals(List.of("14:00", "15:00", "13:00"), times(nearest(hourly, "2025-10-09T14:20", one, List.of(), 3)));
    }

    @Test
    void neverOffersThePastOrTheLeadTime() {
        Instant now = at("2025-10-06T10:07").toInstant();
        List<Slot> slots = finder.nearest(schedule, now, at("2025-10-06T10:00"), HALF_HOUR, one, List.of(), 3);
        assertEquals(List.of("10:15", "10:30", "10:45"), times(slots));
        Schedule lead = schedule.withMinLeadTime(Duration.ofHours(1));
        slots = finder.nearest(lead, now, at("2025-10-06T10:00"), HALF_HOUR, one, List.of(), 2);
        assertEquals(List.of("11:15", "11:30"), times(slots));
        // a wish far in the past still yields the first bookable slots
        slots = finder.nearest(schedule, now, at("2025-09-01T10:00"), HALF_HOUR, one, List.of(), 1);
        assertEquals(List.of("2025-10-06T10:15"), starts(slots));
    }

    @Test
    void neverOffersBeyondTheHorizon() {
        Schedule s = schedule.withHorizon(Duration.ofDays(3)); // until Thursday 08:00
        assertEquals(List.of("2025-10-08T16:30", "2025-10-08T16:15"),
                starts(nearest(s, "2025-10-09T14:00", one, List.of(), 2)));
        // a wish far beyond the horizon walks back from the horizon, not from the wish
        assertEquals(List.of("2025-10-08T16:30"), starts(nearest(s, "2030-01-01T10:00", one, List.of(), 1)));
    }

    @Test
    void returnsFewerWhenTheWindowRunsOut() {
        Schedule s = schedule.withHorizon(Duration.ofHours(26)); // Monday 08:00 .. Tuesday 10:00
        List<Busy> busy = List.of(busy(1, "2025-10-06T09:00", "2025-10-06T17:00"));
        List<Slot> slots = nearest(s, "2025-10-06T12:00", one, busy, 10);
        assertEquals(List.of("2025-10-07T09:00", "2025-10-07T09:15", "2025-10-07T09:30",
                "2025-10-07T09:45", "2025-10-07T10:00"), starts(slots));
    }

    @Test
    void degenerateRequests() {
        assertTrue(nearest(schedule, "2025-10-09T14:00", one, List.of(), 0).isEmpty());
        assertTrue(nearest(schedule, "2025-10-09T14:00", List.of(), List.of(), 5).isEmpty());
        assertTrue(nearest(schedule.withHours(OpeningHours.closed()), "2025-10-09T14:00", one, List.of(), 5).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> nearest(schedule, "2025-10-09T14:00", one, List.of(), -1));
    }

    /** Cross-check against brute force: every free slot in the window, sorted by distance. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234})
    void matchesBruteForceOverRandomCalendars(long seed) {
        Random random = new Random(seed);
        Schedule s = schedule.withHours(OpeningHours.parse("Mon-Thu 09:00-12:00,13:00-17:00; Fri 09:00-15:00"))
                .withBufferMinutes(random.nextInt(3) * 5)
                .withMinLeadTime(Duration.ofHours(random.nextInt(30)))
                .withHorizon(Duration.ofDays(10 + random.nextInt(10)));
        List<Long> providers = List.of(1L, 2L, 3L);
        List<Busy> busy = randomBusy(random, 120, 14);
        Instant wish = NOW.plus(Duration.ofMinutes(random.nextInt(14 * 24 * 60)));
        Duration length = Duration.ofMinutes(15 + 15 * random.nextInt(4));

        List<Slot> all = finder.free(s, NOW, LocalDate.of(2025, 10, 1), LocalDate.of(2025, 11, 30), length,
                providers, busy);
        List<Slot> expected = new ArrayList<>(all);
        expected.sort(Comparator.<Slot, Duration>comparing(x -> Duration.between(x.start().toInstant(), wish).abs())
                .thenComparing(Slot::start));
        int n = 25;
        List<Slot> actual = finder.nearest(s, NOW, wish.atZone(EDMONTON), length, providers, busy, n);
        assertEquals(expected.subList(0, Math.min(n, expected.size())), actual);

        // and every offered slot passes check() with the same provider
        for (Slot slot : all) {
            assertEquals(SlotCheck.ok(slot.providerId()),
                    finder.check(s, NOW, slot.start(), length, providers, busy));
        }
    }

    /** Random busy intervals for providers 1..3 over {@code days} days from Monday 2025-10-06. */
    static List<Busy> randomBusy(Random random, int count, int days) {
        List<Busy> busy = new ArrayList<>();
        Instant base = at("2025-10-06T00:00").toInstant();
        Set<String> seen = new HashSet<>();
        while (busy.size() < count) {
            long provider = 1 + random.nextInt(3);
            Instant start = base.plus(Duration.ofMinutes(15L * random.nextInt(days * 96)));
            Duration length = Duration.ofMinutes(15L * (1 + random.nextInt(8)));
            if (seen.add(provider + "@" + start)) {
                busy.add(new Busy(provider, Interval.of(start, length)));
            }
        }
        return busy;
    }
}
