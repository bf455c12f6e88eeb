package app.bella.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleAndIntervalTest {

    private static final ZoneId EDMONTON = ZoneId.of("America/Edmonton");

    @Test
    void defaultsAreWeekdaysNineToFive() {
        Schedule s = Schedule.defaults(EDMONTON);
        assertEquals(EDMONTON, s.zone());
        assertEquals("Mon-Fri 09:00-17:00", s.hours().toString());
        assertTrue(s.closures().isEmpty());
        assertEquals(15, s.slotMinutes());
        assertEquals(Duration.ZERO, s.minLeadTime());
        assertEquals(Duration.ofDays(90), s.horizon());
        assertEquals(0, s.bufferMinutes());
    }

    @Test
    void withersReturnModifiedCopies() {
        Schedule base = Schedule.defaults(EDMONTON);
        Schedule changed = base.withSlotMinutes(30).withBufferMinutes(10)
                .withMinLeadTime(Duration.ofHours(2)).withHorizon(Duration.ofDays(30));
        assertEquals(15, base.slotMinutes());
        assertEquals(30, changed.slotMinutes());
        assertEquals(10, changed.bufferMinutes());
        assertEquals(Duration.ofHours(2), changed.minLeadTime());
        assertEquals(Duration.ofDays(30), changed.horizon());
    }

    @Test
    void closuresAreDefensivelyCopied() {
        Set<LocalDate> holidays = new HashSet<>(Set.of(LocalDate.of(2025, 12, 25)));
        Schedule s = Schedule.defaults(EDMONTON).withClosures(holidays);
        holidays.add(LocalDate.of(2025, 12, 26));
        assertEquals(Set.of(LocalDate.of(2025, 12, 25)), s.closures());
        assertThrows(UnsupportedOperationException.class, () -> s.closures().add(LocalDate.of(2026, 1, 1)));
        assertTrue(s.isClosedOn(LocalDate.of(2025, 12, 25)));
        assertTrue(s.isClosedOn(LocalDate.of(2025, 12, 27)));  // Saturday
        assertFalse(s.isClosedOn(LocalDate.of(2025, 12, 24)));
    }

    @Test
    void rejectsNonsenseSettings() {
        Schedule s = Schedule.defaults(EDMONTON);
        assertThrows(IllegalArgumentException.class, () -> s.withSlotMinutes(0));
        assertThrows(IllegalArgumentException.class, () -> s.withBufferMinutes(-1));
        assertThrows(IllegalArgumentException.class, () -> s.withMinLeadTime(Duration.ofMinutes(-1)));
        assertThrows(IllegalArgumentException.class, () -> s.withHorizon(Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> s.withMinLeadTime(Duration.ofDays(100)));  // longer than the horizon
        assertThrows(NullPointerException.class, () -> s.withHours(null));
    }

    @Test
    void intervalsAreHalfOpen() {
        Instant t0 = Instant.parse("2025-10-09T20:00:00Z");
        Interval a = Interval.of(t0, Duration.ofMinutes(30));
        Interval b = Interval.of(t0.plusSeconds(1800), Duration.ofMinutes(30));
        Interval c = Interval.of(t0.plusSeconds(900), Duration.ofMinutes(30));
        assertFalse(a.overlaps(b), "back-to-back intervals do not overlap");
        assertFalse(b.overlaps(a));
        assertTrue(a.overlaps(c));
        assertTrue(c.overlaps(b));
        assertTrue(a.overlaps(a));
        assertTrue(a.contains(t0));
        assertFalse(a.contains(t0.plusSeconds(1800)));
        assertEquals(Duration.ofMinutes(30), a.length());
        assertThrows(IllegalArgumentException.class, () -> new Interval(t0, t0));
    }

    @Test
    void slotCheckCarriesProviderOnlyWhenOk() {
        assertEquals(7L, SlotCheck.ok(7).providerId().getAsLong());
        assertTrue(SlotCheck.ok(7).isOk());
        assertFalse(SlotCheck.rejected(SlotCheck.Status.TAKEN).providerId().isPresent());
        assertThrows(IllegalArgumentException.class, () -> SlotCheck.rejected(SlotCheck.Status.OK));
    }
}
