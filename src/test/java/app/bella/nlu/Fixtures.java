package app.bella.nlu;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Shared test context: Wednesday 2025-10-08 10:00 in Edmonton (MDT, -06:00). */
final class Fixtures {

    static final ZoneId EDMONTON = ZoneId.of("America/Edmonton");
    static final ZonedDateTime NOW = ZonedDateTime.of(2025, 10, 8, 10, 0, 0, 0, EDMONTON);
    static final ParseContext CTX = ParseContext.of(NOW, EDMONTON);

    private Fixtures() {
    }

    static ParseContext at(int year, int month, int day, int hour, int minute) {
        return ParseContext.of(ZonedDateTime.of(year, month, day, hour, minute, 0, 0, EDMONTON), EDMONTON);
    }

    static LocalDate date(String iso) {
        return iso == null ? null : LocalDate.parse(iso);
    }

    static LocalTime time(String iso) {
        return iso == null ? null : LocalTime.parse(iso);
    }
}
