package app.bella.api;

import app.bella.api.ApiTransactions.Response;
import app.bella.api.model.BookingBodies.AppointmentCreate;
import app.bella.api.model.BookingBodies.AppointmentReschedule;
import app.bella.api.model.BookingBodies.CustomerChange;
import app.bella.api.model.BookingBodies.CustomerCreate;
import app.bella.booking.Appointment;
import app.bella.booking.BookingOutcome;
import app.bella.booking.BookingService;
import app.bella.booking.Customer;
import app.bella.booking.Slot;
import app.bella.booking.SlotCheck;
import app.bella.support.Sql;
import app.bella.support.Times;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;

/** Customers and appointments over HTTP: staff tools, integrations and test seeding. One transaction per request. */
public final class BookingApi {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final Set<String> STATUSES = Set.of("booked", "cancelled", "completed");

    private final ApiTransactions tx;
    private final BookingService bookings;

    public BookingApi(ApiTransactions tx, BookingService bookings) {
        this.tx = tx;
        this.bookings = bookings;
    }

    // ------------------------------------------------------------------------------------------------ customers

    /** POST /api/customers {"name","phone","preferredDurationMinutes"}: created, or updated when the phone is known. */
    public void createCustomer(Exchange exchange) throws SQLException {
        ObjectNode body = ApiSupport.object(exchange, ApiSupport.fields(CustomerCreate.class));
        String name = ApiSupport.text(body, "name", true, 200);
        String phone = ApiSupport.e164("phone", ApiSupport.text(body, "phone", true, 16));
        Integer preferred = ApiSupport.integer(body, "preferredDurationMinutes", 5, 480);
        tx.write(exchange, c -> Response.created(customer(bookings.saveCustomer(c, phone, name, preferred))));
    }

    /** GET /api/customers/{id} */
    public void getCustomer(Exchange exchange) throws SQLException {
        long id = ApiSupport.pathId(exchange, "customer");
        tx.read(exchange, c -> Response.ok(customer(customerById(c, id))));
    }

    /** GET /api/customers?phone=&limit=&offset=: everyone, or the one with that phone (look-up by phone). */
    public void listCustomers(Exchange exchange) throws SQLException {
        String phone = ApiSupport.e164("phone", ApiSupport.query(exchange, "phone", 16));
        int limit = orDefault(ApiSupport.queryInt(exchange, "limit", 1, 1000), 100);
        int offset = orDefault(ApiSupport.queryInt(exchange, "offset", 0, Integer.MAX_VALUE), 0);
        tx.read(exchange, c -> {
            List<Map<String, Object>> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(Sql.get("customers-list"))) {
                ps.setString(1, phone);
                ps.setString(2, phone);
                ps.setInt(3, limit);
                ps.setInt(4, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(customer(customer(rs)));
                    }
                }
            }
            return Response.ok(out);
        });
    }

    /** PATCH /api/customers/{id} {"name"?,"phone"?,"preferredDurationMinutes"?}: null clears the preferred duration. */
    public void updateCustomer(Exchange exchange) throws SQLException {
        long id = ApiSupport.pathId(exchange, "customer");
        ObjectNode body = ApiSupport.object(exchange, ApiSupport.fields(CustomerChange.class));
        String name = body.has("name") ? ApiSupport.text(body, "name", true, 200) : null;
        String phone = body.has("phone") ? ApiSupport.e164("phone", ApiSupport.text(body, "phone", true, 16)) : null;
        boolean setPreferred = body.has("preferredDurationMinutes");
        Integer preferred = ApiSupport.integer(body, "preferredDurationMinutes", 5, 480);
        tx.write(exchange, c -> {
            customerById(c, id);
            try (PreparedStatement ps = c.prepareStatement(Sql.get("customer-update"))) {
                ps.setString(1, name);
                ps.setString(2, phone);
                ps.setBoolean(3, setPreferred);
                ps.setObject(4, preferred, Types.INTEGER);
                ps.setLong(5, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return Response.ok(customer(customer(rs)));
                }
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw ApiProblem.conflict("phone", "Another customer already has this phone number");
                }
                throw e;
            }
        });
    }

    private static Customer customerById(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("customer-by-id"))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ApiProblem.notFound("No customer " + id);
                }
                return customer(rs);
            }
        }
    }

    private static Customer customer(ResultSet rs) throws SQLException {
        return new Customer(rs.getLong("id"), rs.getString("phone"), rs.getString("name"),
                (Integer) rs.getObject("preferred_duration_minutes"));
    }

    static Map<String, Object> customer(Customer customer) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", customer.id());
        out.put("name", customer.name());
        out.put("phone", customer.phone());
        out.put("preferredDurationMinutes", customer.preferredDurationMinutes());
        return out;
    }

    // ------------------------------------------------------------------------------------------------ appointments

    /** POST /api/appointments {"name","phone","start","durationMinutes","service"}: 409 with alternatives when taken. */
    public void createAppointment(Exchange exchange) throws SQLException {
        ObjectNode body = ApiSupport.object(exchange, ApiSupport.fields(AppointmentCreate.class));
        String name = ApiSupport.text(body, "name", true, 200);
        String phone = ApiSupport.e164("phone", ApiSupport.text(body, "phone", true, 16));
        ZonedDateTime start = ApiSupport.instant("start", ApiSupport.text(body, "start", true, 40), zone());
        Integer minutes = ApiSupport.integer(body, "durationMinutes", 5, 480);
        String service = ApiSupport.text(body, "service", false, 100);
        tx.write(exchange, c -> {
            BookingOutcome outcome;
            try {
                outcome = bookings.book(c, phone, name, start, minutes == null ? 0 : minutes, service, null);
            } catch (IllegalArgumentException e) { // the service is looked up first: nothing was written
                throw ApiProblem.invalid("service", e.getMessage());
            }
            return Response.created(appointment(booked(outcome)));
        });
    }

    /** GET /api/appointments/{id} */
    public void getAppointment(Exchange exchange) throws SQLException {
        long id = ApiSupport.pathId(exchange, "appointment");
        tx.read(exchange, c -> Response.ok(appointment(bookings.appointment(c, id)
                .orElseThrow(() -> ApiProblem.notFound("No appointment " + id)))));
    }

    /**
     * GET /api/appointments?phone=&from=&to=&status=&provider=&limit=&offset=: appointments overlapping the range,
     * by start. {@code from}/{@code to} are ISO dates (the practice's days, {@code to} inclusive) or instants with
     * an offset.
     */
    public void listAppointments(Exchange exchange) throws SQLException {
        String phone = ApiSupport.e164("phone", ApiSupport.query(exchange, "phone", 16));
        Instant from = bound(exchange, "from", false);
        Instant to = bound(exchange, "to", true);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiProblem.invalid("to", "'to' must be after 'from'");
        }
        String status = ApiSupport.query(exchange, "status", 20);
        if (status != null && !STATUSES.contains(status)) {
            throw ApiProblem.invalid("status", "'status' must be booked, cancelled or completed");
        }
        Integer provider = ApiSupport.queryInt(exchange, "provider", 1, Integer.MAX_VALUE);
        int limit = orDefault(ApiSupport.queryInt(exchange, "limit", 1, 1000), 500);
        int offset = orDefault(ApiSupport.queryInt(exchange, "offset", 0, Integer.MAX_VALUE), 0);
        var filter = new BookingService.AppointmentFilter(phone, from, to, status, provider == null ? null : provider.longValue(),
                limit, offset);
        tx.read(exchange, c -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Appointment a : bookings.appointments(c, filter)) {
                out.add(appointment(a));
            }
            return Response.ok(out);
        });
    }

    /** POST /api/appointments/{id}/reschedule {"start","durationMinutes"?}: moved in place, same id. */
    public void rescheduleAppointment(Exchange exchange) throws SQLException {
        long id = ApiSupport.pathId(exchange, "appointment");
        ObjectNode body = ApiSupport.object(exchange, ApiSupport.fields(AppointmentReschedule.class));
        ZonedDateTime start = ApiSupport.instant("start", ApiSupport.text(body, "start", true, 40), zone());
        Integer minutes = ApiSupport.integer(body, "durationMinutes", 5, 480);
        tx.write(exchange, c -> {
            requireActive(c, id);
            return Response.ok(appointment(booked(bookings.move(c, id, start, minutes == null ? 0 : minutes))));
        });
    }

    /** POST /api/appointments/{id}/cancel: frees the slot; cancelling a cancelled appointment changes nothing. */
    public void cancelAppointment(Exchange exchange) throws SQLException {
        long id = ApiSupport.pathId(exchange, "appointment");
        ApiSupport.optionalObject(exchange, Set.of());
        tx.write(exchange, c -> {
            String status = lock(c, id);
            if ("completed".equals(status)) {
                throw ApiProblem.conflict("id", "Appointment " + id + " is completed and cannot be cancelled");
            }
            bookings.cancel(c, id);
            return Response.ok(appointment(bookings.appointment(c, id).orElseThrow()));
        });
    }

    private void requireActive(Connection c, long id) throws SQLException {
        String status = lock(c, id);
        if (!"booked".equals(status)) {
            throw ApiProblem.conflict("id", "Appointment " + id + " is " + status + " and cannot be moved");
        }
    }

    /** Locks the appointment row for this transaction; its status, or 404. */
    private static String lock(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("appointment-lock"))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ApiProblem.notFound("No appointment " + id);
                }
                return rs.getString(1);
            }
        }
    }

    /** The booked appointment, or the refusal as a problem: 409 (taken) or 422 (not bookable), with alternatives. */
    private Appointment booked(BookingOutcome outcome) {
        if (outcome instanceof BookingOutcome.Refused refused) {
            int status = refused.reason() == SlotCheck.Status.TAKEN ? 409 : 422;
            throw new ApiProblem(status, status == 409 ? "Slot taken" : "Slot not bookable",
                    "The requested time cannot be booked: " + refused.reason(), "start",
                    Map.of("reason", refused.reason().name(), "alternatives", slots(refused.alternatives())));
        }
        return ((BookingOutcome.Booked) outcome).appointment();
    }

    private Instant bound(Exchange exchange, String field, boolean end) {
        String v = ApiSupport.query(exchange, field, 40);
        if (v == null) {
            return null;
        }
        if (v.length() == 10) {
            LocalDate d = ApiSupport.date(field, v);
            return (end ? d.plusDays(1) : d).atStartOfDay(zone()).toInstant();
        }
        return ApiSupport.instant(field, v, zone()).toInstant();
    }

    Map<String, Object> appointment(Appointment a) {
        ZoneId zone = zone();
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

    static List<Map<String, Object>> slots(List<Slot> slots) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Slot s : slots) {
            Map<String, Object> slot = new LinkedHashMap<>();
            slot.put("start", Times.iso(s.start()));
            slot.put("end", Times.iso(s.end()));
            slot.put("providerId", s.providerId());
            out.add(slot);
        }
        return out;
    }

    private ZoneId zone() {
        return bookings.schedule().zone();
    }

    static int orDefault(Integer v, int fallback) {
        return v == null ? fallback : v;
    }
}
