package app.bella.booking;

import java.time.Duration;
import java.time.Instant;

/** An appointment as stored: {@code status} is booked, cancelled or completed. */
public record Appointment(long id, String callSid, String name, String phone, Instant start, Instant end, String service,
                          String status, long providerId, long customerId) {

    public int durationMinutes() {
        return (int) Duration.between(start, end).toMinutes();
    }

    public boolean active() {
        return "booked".equals(status);
    }
}
