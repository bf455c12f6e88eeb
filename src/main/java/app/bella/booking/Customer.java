package app.bella.booking;

/** Someone who has called or been booked, known by phone (E.164). */
public record Customer(long id, String phone, String name, Integer preferredDurationMinutes) {

    public String firstName() {
        int space = name.indexOf(' ');
        return space < 0 ? name : name.substring(0, space);
    }
}
