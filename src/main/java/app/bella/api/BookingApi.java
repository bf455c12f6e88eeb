package app.bella.api;

import app.bella.platform.Times;
import app.bella.booking.Appointment;
import app.bella.booking.BookingOutcome;
import app.bella.booking.BookingService;
import app.bella.booking.Customer;
import app.bella.booking.Slot;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.Exchange;

/** Customers and appointments over HTTP: what staff and tests use to seed and read the calendar. */
public final class BookingApi {

    private final DataSource dataSource;
    private final BookingService bookings;

    public BookingApi(DataSource dataSource, BookingService bookings) {
        this.dataSource = dataSource;
        this.bookings = bookings;
    }

    /** POST /api/customers {"name","phone","preferredDurationMinutes"}: created, or updated when the phone is known. */
    public void createCustomer(Exchange exchange) throws SQLException {
        ObjectNode body = ApiSupport.object(exchange, Set.of("name", "phone", "preferredDurationMinutes"));
        String name = ApiSupport.text(body, "name", true, 200);
        String phone = ApiSupport.e164("phone", ApiSupport.text(body, "phone", true, 16));
        Integer preferred = ApiSupport.integer(body, "preferredDurationMinutes", 5, 480);
        try (Connection c = transaction()) {
            Customer customer = bookings.saveCustomer(c, phone, name, preferred);
            c.commit();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", customer.id());
            out.put("name", customer.name());
            out.put("phone", customer.phone());
            out.put("preferredDurationMinutes", customer.preferredDurationMinutes());
            ApiSupport.respond(exchange, 201, out);
        }
    }

    /** POST /api/appointments {"name","phone","start","durationMinutes","service"}. */
    public void createAppointment(Exchange exchange) throws SQLException {
        ObjectNode body = ApiSupport.object(exchange, Set.of("name", "phone", "start", "durationMinutes", "service"));
        String name = ApiSupport.text(body, "name", true, 200);
        String phone = ApiSupport.e164("phone", ApiSupport.text(body, "phone", true, 16));
        ZonedDateTime start = instant("start", ApiSupport.text(body, "start", true, 40), bookings.schedule().zone());
        Integer minutes = ApiSupport.integer(body, "durationMinutes", 5, 480);
        String service = ApiSupport.text(body, "service", false, 100);
        try (Connection c = transaction()) {
            try {
                bookings.service(c, service);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalid("service", e.getMessage());
            }
            BookingOutcome outcome = bookings.book(c, phone, name, start, minutes == null ? 0 : minutes, service, null);
            if (outcome instanceof BookingOutcome.Refused refused) {
                c.rollback();
                int status = refused.reason() == app.bella.booking.SlotCheck.Status.TAKEN ? 409 : 422;
                throw new ApiProblem(status, status == 409 ? "Slot taken" : "Slot not bookable",
                        "The requested time cannot be booked: " + refused.reason(), "start",
                        Map.of("reason", refused.reason().name(), "alternatives", slots(refused.alternatives())));
            }
            c.commit();
            ApiSupport.respond(exchange, 201, appointment(((BookingOutcome.Booked) outcome).appointment()));
        }
    }

    /** GET /api/appointments?phone=+1…: the caller's appointments, oldest first. */
    public void listAppointments(Exchange exchange) throws SQLException {
        String phone = ApiSupport.e164("phone", exchange.getMessage().getHeader("phone", String.class));
        if (phone == null) {
            throw ApiProblem.invalid("phone", "'phone' is required");
        }
        try (Connection c = dataSource.getConnection()) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Appointment a : bookings.appointmentsByPhone(c, phone)) {
                out.add(appointment(a));
            }
            ApiSupport.respond(exchange, 200, out);
        }
    }

    Map<String, Object> appointment(Appointment a) {
        ZoneId zone = bookings.schedule().zone();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", a.id());
        out.put("callSid", a.callSid());
        out.put("name", a.name());
        out.put("phone", a.phone());
        out.put("start", Times.iso(a.start(), zone));
        out.put("end", Times.iso(a.end(), zone));
        out.put("durationMinutes", a.durationMinutes());
        out.put("service", a.service());
        out.put("status", a.status());
        return out;
    }

    private List<Map<String, Object>> slots(List<Slot> slots) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Slot s : slots) {
            out.add(Map.of("start", Times.iso(s.start()), "end", Times.iso(s.end())));
        }
        return out;
    }

    private static ZonedDateTime instant(String field, String value, ZoneId zone) {
        try {
            return OffsetDateTime.parse(value).atZoneSameInstant(zone);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid(field, "'" + field + "' must be ISO-8601 with an offset, e.g. 2025-10-09T14:00:00-06:00");
        }
    }

    private Connection transaction() throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        return c;
    }
}
