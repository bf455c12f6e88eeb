package app.bella.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reminder times in America/Edmonton, where 2025-11-02 02:00 MDT (-06:00) falls back to 01:00 MST (-07:00). */
class ReminderPolicyTest {

    static final ZoneId EDMONTON = ZoneId.of("America/Edmonton");
    static final ReminderPolicy DEFAULT = ReminderPolicy.parse("24h,2h", "21:00-08:00", EDMONTON);

    static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    @Test
    void twentyFourAndTwoHoursBeforeOnAnOrdinaryDay() {
        List<ReminderPolicy.Reminder> plan = DEFAULT.plan(at("2025-10-09T14:00:00-06:00"), at("2025-10-07T10:00:00-06:00"));
        assertThat(plan).containsExactly(
                new ReminderPolicy.Reminder("reminder-24h", at("2025-10-08T14:00:00-06:00")),
                new ReminderPolicy.Reminder("reminder-2h", at("2025-10-09T12:00:00-06:00")));
    }

    @Test
    void aDayBeforeMeansTheSameWallClockTimeAcrossTheFallBack() {
        // Sunday 2025-11-02 10:00 MST; Saturday 10:00 is MDT: 25 hours earlier, not 24
        Instant start = at("2025-11-02T10:00:00-07:00");
        List<ReminderPolicy.Reminder> plan = DEFAULT.plan(start, at("2025-10-30T10:00:00-06:00"));
        assertThat(plan).containsExactly(
                new ReminderPolicy.Reminder("reminder-24h", at("2025-11-01T10:00:00-06:00")),
                new ReminderPolicy.Reminder("reminder-2h", at("2025-11-02T08:00:00-07:00")));
    }

    @Test
    void twoHoursBeforeIsExactAcrossTheChangeAndQuietHoursEndAtEightLocalTime() {
        // Sunday 2025-11-02 09:00 MST: two hours earlier is 07:00 MST (quiet) -> 08:00 MST, the end of that night
        Instant start = at("2025-11-02T09:00:00-07:00");
        assertThat(DEFAULT.plan(start, at("2025-10-30T10:00:00-06:00")))
                .contains(new ReminderPolicy.Reminder("reminder-2h", at("2025-11-02T08:00:00-07:00")));
        // an exact duration: 90 minutes before 02:30 MST is the second 01:00 of that night (MST), not 01:00 MDT
        ReminderPolicy ninety = ReminderPolicy.parse("90m", "", EDMONTON);
        assertThat(ninety.plan(at("2025-11-02T02:30:00-07:00"), at("2025-10-30T10:00:00-06:00")))
                .containsExactly(new ReminderPolicy.Reminder("reminder-90m", at("2025-11-02T01:00:00-07:00")));
    }

    @Test
    void quietHoursAreLocalTimeOnBothSidesOfTheChange() {
        assertThat(DEFAULT.isQuiet(at("2025-11-01T20:59:00-06:00"))).isFalse();
        assertThat(DEFAULT.isQuiet(at("2025-11-01T21:00:00-06:00"))).isTrue();
        assertThat(DEFAULT.isQuiet(at("2025-11-02T01:30:00-06:00"))).isTrue(); // first 01:30 (MDT)
        assertThat(DEFAULT.isQuiet(at("2025-11-02T01:30:00-07:00"))).isTrue(); // second 01:30 (MST)
        assertThat(DEFAULT.isQuiet(at("2025-11-02T07:59:00-07:00"))).isTrue();
        assertThat(DEFAULT.isQuiet(at("2025-11-02T08:00:00-07:00"))).isFalse();
    }

    @Test
    void aReminderDueAtNightGoesOutWhenQuietHoursEnd() {
        // Tuesday 09:30: the 24h reminder is Monday 09:30; the 2h one (07:30, quiet) goes at 08:00
        Instant start = at("2025-10-14T09:30:00-06:00");
        assertThat(DEFAULT.plan(start, at("2025-10-10T12:00:00-06:00"))).containsExactly(
                new ReminderPolicy.Reminder("reminder-24h", at("2025-10-13T09:30:00-06:00")),
                new ReminderPolicy.Reminder("reminder-2h", at("2025-10-14T08:00:00-06:00")));
        // 24h before an appointment at 22:30 is 22:30 the evening before: quiet -> 08:00 on the appointment day
        assertThat(DEFAULT.plan(at("2025-10-14T22:30:00-06:00"), at("2025-10-10T12:00:00-06:00")))
                .contains(new ReminderPolicy.Reminder("reminder-24h", at("2025-10-14T08:00:00-06:00")));
    }

    @Test
    void whenQuietHoursEndAfterTheAppointmentTheReminderGoesTheMorningBefore() {
        // 07:30 appointment: 2h before is 05:30 (quiet), 08:00 is too late -> 08:00 the day before
        Instant start = at("2025-10-14T07:30:00-06:00");
        assertThat(DEFAULT.plan(start, at("2025-10-10T12:00:00-06:00")))
                .contains(new ReminderPolicy.Reminder("reminder-2h", at("2025-10-13T08:00:00-06:00")));
    }

    @Test
    void remindersWhoseTimeHasPassedAreNotPlanned() {
        Instant start = at("2025-10-09T14:00:00-06:00");
        assertThat(DEFAULT.plan(start, at("2025-10-08T15:00:00-06:00")))
                .containsExactly(new ReminderPolicy.Reminder("reminder-2h", at("2025-10-09T12:00:00-06:00")));
        assertThat(DEFAULT.plan(start, at("2025-10-09T12:30:00-06:00"))).isEmpty();
    }

    @Test
    void configuration() {
        ReminderPolicy p = ReminderPolicy.parse(" 2d, 3h ,90m,2d", "", EDMONTON);
        assertThat(p.kinds()).containsExactly("reminder-2d", "reminder-3h", "reminder-90m");
        assertThat(p.isQuiet(at("2025-10-14T03:00:00-06:00"))).isFalse();
        assertThat(ReminderPolicy.parse("", "21:00-08:00", EDMONTON).kinds()).isEmpty();
        assertThat(ReminderPolicy.parse("24h", "9:00-10:00", EDMONTON).isQuiet(at("2025-10-14T09:15:00-06:00"))).isTrue();
        assertThatThrownBy(() -> ReminderPolicy.parse("tomorrow", "", EDMONTON)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReminderPolicy.parse("0h", "", EDMONTON)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReminderPolicy.parse("2h", "night", EDMONTON)).isInstanceOf(IllegalArgumentException.class);
    }
}
