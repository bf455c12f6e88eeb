package app.bella.booking;

/** Where the booking rules in force right now come from (the configuration, or the database the API changes). */
@FunctionalInterface
public interface ScheduleProvider {

    Schedule current();

    /** Always the same schedule (tests, and the constructor that takes a Schedule). */
    static ScheduleProvider fixed(Schedule schedule) {
        return () -> schedule;
    }
}
