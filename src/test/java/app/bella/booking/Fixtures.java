package app.bella.booking;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Collectors;

/** Shared test helpers: times are wall-clock in Edmonton unless stated otherwise. */
final class Fixtures {

    static final ZoneId EDMONTON = ZoneId.of("America/Edmonton");
    static final Duration HALF_HOUR = Duration.ofMinutes(30);
    /** Monday 2025-10-06 08:00 local; Thursday 2025-10-09 is three days later. */
    static final Instant NOW = at("2025-10-06T08:00").toInstant();

    private Fixtures() {
    }

    static ZonedDateTime at(String localDateTime) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), EDMONTON);
    }

    static Busy busy(long provider, String from, String to) {
        return new Busy(provider, new Interval(at(from).toInstant(), at(to).toInstant()));
    }

    /** Slot starts as local "yyyy-MM-ddTHH:mm" strings, for compact assertions. */
    static List<String> starts(List<Slot> slots) {
        return slots.stream().map(s -> s.start().toLocalDateTime().toString()).collect(Collectors.toList());
    }

    /** Slot starts as local "HH:mm" strings. */
    static List<String> times(List<Slot> slots) {
        return slots.stream().map(s -> s.start().toLocalTime().toString()).collect(Collectors.toList());
    }
}
