package app.bella.api.model;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** Customers, appointments and free slots: what {@code /api/customers}, {@code /api/appointments} read and write. */
public final class BookingBodies {

    private BookingBodies() {
    }

    private static final String E164 = "^\\+[1-9]\\d{7,14}$";

    public record Customer(long id, String name, @Schema(pattern = E164) String phone, Integer preferredDurationMinutes) {
    }

    @Schema(description = "Created, or updated when a customer with this phone exists")
    public record CustomerCreate(
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 200) String name,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = E164, example = "+14165551234") String phone,
            @Schema(minimum = "5", maximum = "480") Integer preferredDurationMinutes) {
    }

    @Schema(description = "Only the fields given change; preferredDurationMinutes: null clears it")
    public record CustomerChange(
            @Schema(maxLength = 200) String name,
            @Schema(pattern = E164) String phone,
            @Schema(minimum = "5", maximum = "480", nullable = true) Integer preferredDurationMinutes) {
    }

    public record Appointment(
            long id,
            @Schema(description = "the call that booked it; null when booked over the API") String callSid,
            String name,
            @Schema(pattern = E164) String phone,
            @Schema(format = "date-time", description = "in the practice's time zone") String start,
            @Schema(format = "date-time") String end,
            int durationMinutes,
            String service,
            @Schema(allowableValues = {"booked", "cancelled", "completed"}) String status) {
    }

    public record AppointmentCreate(
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 200) String name,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = E164) String phone,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time", example = "2025-10-20T09:00:00-06:00") String start,
            @Schema(minimum = "5", maximum = "480", description = "default: the service's length") Integer durationMinutes,
            @Schema(maxLength = 100, description = "a service's name or id") String service) {
    }

    public record AppointmentReschedule(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String start,
            @Schema(minimum = "5", maximum = "480") Integer durationMinutes) {
    }

    @Schema(description = "A free slot")
    public record Slot(@Schema(format = "date-time") String start, @Schema(format = "date-time") String end, long providerId) {
    }
}
