package app.bella.booking;

import app.bella.events.EventType;
import app.bella.events.OutboxWriter;
import app.bella.support.Sql;
import app.bella.support.Times;
import java.util.LinkedHashMap;
import java.util.Map;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The practice's calendar in PostgreSQL. Every method works inside the caller's transaction (the caller commits),
 * so a booking and the call state or events that go with it are written together. The database's exclusion
 * constraint, not this class, is what makes a double booking impossible; this class turns a lost race into an
 * offer of alternatives.
 */
public final class BookingService {

    /** PostgreSQL's exclusion_violation: another booking took the range first. */
    private static final String EXCLUSION_VIOLATION = "23P01";
    private static final int ALTERNATIVES = 3;

    private final ScheduleProvider schedules;
    private final Clock clock;
    private final OutboxWriter events;
    private final AvailabilityFinder finder = new AvailabilityFinder();
    private final Catalog catalog = new Catalog(Catalog.MAX_AGE);

    public BookingService(Schedule schedule, Clock clock, OutboxWriter events) {
        this(ScheduleProvider.fixed(schedule), clock, events);
    }

    /** Asks {@code schedules} for the rules in force at each call (hours and closures can change at run time). */
    public BookingService(ScheduleProvider schedules, Clock clock, OutboxWriter events) {
        this.schedules = schedules;
        this.clock = clock;
        this.events = events;
    }

    /** The booking rules in force now. */
    public Schedule schedule() {
        return schedules.current();
    }

    public Clock clock() {
        return clock;
    }

    /** The active services and providers this instance books with (a copy a few seconds old at most). */
    public Catalog catalog() {
        return catalog;
    }

    public Optional<Customer> customer(Connection c, String phone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("customer-by-phone"))) {
            ps.setString(1, phone);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(customer(rs)) : Optional.empty();
            }
        }
    }

    public Customer saveCustomer(Connection c, String phone, String name, Integer preferredDurationMinutes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("customer-upsert"))) {
            ps.setString(1, phone);
            ps.setString(2, name);
            ps.setObject(3, preferredDurationMinutes);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return customer(rs);
            }
        }
    }

    /** Whether {@code start} can be booked for {@code minutes} now (hours, closures, lead time, existing bookings). */
    public SlotCheck check(Connection c, ZonedDateTime start, int minutes) throws SQLException {
        return check(c, start, minutes, null);
    }

    /** As {@link #check}, ignoring the range of the appointment being moved ({@code movingId}, may be null). */
    public SlotCheck check(Connection c, ZonedDateTime start, int minutes, Long movingId) throws SQLException {
        Schedule schedule = schedule();
        // only what could collide matters: the wished range widened by the buffer on both sides
        Duration buffer = Duration.ofMinutes(schedule.bufferMinutes());
        List<Busy> busy = busy(c, start.toInstant().minus(buffer), start.toInstant().plus(Duration.ofMinutes(minutes)).plus(buffer));
        if (movingId != null) {
            Appointment moving = appointment(c, movingId).orElse(null);
            if (moving != null) {
                busy = new ArrayList<>(busy);
                busy.removeIf(b -> b.providerId() == moving.providerId() && b.interval().start().equals(moving.start())
                        && b.interval().end().equals(moving.end()));
            }
        }
        return finder.check(schedule, clock.instant(), start, Duration.ofMinutes(minutes), catalog.providers(c), busy);
    }

    /** The free slots nearest to the wish, for offering alternatives. */
    public List<Slot> alternatives(Connection c, ZonedDateTime wish, int minutes, int n) throws SQLException {
        return finder.nearest(schedule(), clock.instant(), wish, Duration.ofMinutes(minutes), catalog.providers(c),
                busyAround(c, wish.toInstant()), n);
    }

    /** Free slots between two dates (inclusive) for the availability API. */
    public List<Slot> free(Connection c, java.time.LocalDate from, java.time.LocalDate to, int minutes) throws SQLException {
        return free(c, from, to, minutes, null);
    }

    /** As {@link #free}, for one active provider only when {@code providerId} is given. */
    public List<Slot> free(Connection c, java.time.LocalDate from, java.time.LocalDate to, int minutes, Long providerId)
            throws SQLException {
        Schedule schedule = schedule();
        Instant a = from.atStartOfDay(schedule.zone()).toInstant();
        Instant b = to.plusDays(1).atStartOfDay(schedule.zone()).toInstant();
        List<Long> providers = catalog.providers(c);
        if (providerId != null) {
            providers = providers.contains(providerId) ? List.of(providerId) : List.of();
        }
        return finder.free(schedule, clock.instant(), from, to, Duration.ofMinutes(minutes), providers, busy(c, a, b));
    }

    /** Appointments matching a filter, by start time. */
    public List<Appointment> appointments(Connection c, AppointmentFilter f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("appointments-filter"))) {
            ps.setString(1, f.phone());
            ps.setString(2, f.phone());
            Timestamp from = f.from() == null ? null : Timestamp.from(f.from());
            Timestamp to = f.to() == null ? null : Timestamp.from(f.to());
            ps.setTimestamp(3, from);
            ps.setTimestamp(4, from);
            ps.setTimestamp(5, to);
            ps.setTimestamp(6, to);
            ps.setString(7, f.status());
            ps.setString(8, f.status());
            ps.setObject(9, f.providerId(), java.sql.Types.BIGINT);
            ps.setObject(10, f.providerId(), java.sql.Types.BIGINT);
            ps.setInt(11, f.limit());
            ps.setInt(12, f.offset());
            List<Appointment> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(appointment(rs));
                }
            }
            return out;
        }
    }

    /** Which appointments to list: every criterion is optional (null); overlapping {@code [from, to)}. */
    private Customer customerKeepingName(Connection c, String phone, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("customer-insert-keep-name"))) {
            ps.setString(1, phone);
            ps.setString(2, name);
            ps.setObject(3, null);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return customer(rs);
            }
        }
    }

    public record AppointmentFilter(String phone, Instant from, Instant to, String status, Long providerId, int limit,
                                    int offset) {
    }

    /** Books for the customer with this phone (created or renamed as needed), on the first free provider. */
    public BookingOutcome book(Connection c, String phone, String name, ZonedDateTime start, int minutes, String serviceName,
                               String callSid) throws SQLException {
        return book(c, phone, name, start, minutes, serviceName, callSid, true);
    }

    /**
     * Books for the customer with this phone, on the first free provider. {@code mayRename} false (a caller who could
     * not prove the number is theirs): a new customer gets the name, an existing one keeps theirs.
     */
    public BookingOutcome book(Connection c, String phone, String name, ZonedDateTime start, int minutes, String serviceName,
                               String callSid, boolean mayRename) throws SQLException {
        ServiceType service = service(c, serviceName);
        int length = minutes > 0 ? minutes : service.durationMinutes();
        SlotCheck check = check(c, start, length);
        if (!check.isOk()) {
            return refused(c, check.status(), start, length);
        }
        Customer customer = mayRename ? saveCustomer(c, phone, name, null) : customerKeepingName(c, phone, name);
        Instant end = start.toInstant().plus(Duration.ofMinutes(length));
        for (long provider : freeProvidersFirst(c, check)) {
            try (PreparedStatement ps = c.prepareStatement(Sql.get("appointment-insert"))) {
                ps.setLong(1, customer.id());
                ps.setLong(2, provider);
                ps.setLong(3, service.id());
                ps.setString(4, callSid);
                ps.setTimestamp(5, Timestamp.from(start.toInstant()));
                ps.setTimestamp(6, Timestamp.from(end));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        continue; // someone else won this provider's slot a moment ago: try the next provider
                    }
                    Appointment booked = appointment(c, rs.getLong(1)).orElseThrow();
                    publish(c, EventType.APPOINTMENT_BOOKED, booked, booked(booked));
                    return new BookingOutcome.Booked(booked);
                }
            }
        }
        return refused(c, SlotCheck.Status.TAKEN, start, length);
    }

    /** Moves an active appointment in place (same id), keeping its duration unless {@code minutes} is given. */
    public BookingOutcome move(Connection c, long appointmentId, ZonedDateTime start, int minutes) throws SQLException {
        Appointment current = appointment(c, appointmentId).filter(Appointment::active)
                .orElseThrow(() -> new IllegalArgumentException("No active appointment " + appointmentId));
        int length = minutes > 0 ? minutes : current.durationMinutes();
        Instant end = start.toInstant().plus(Duration.ofMinutes(length));
        SlotCheck check = check(c, start, length, appointmentId); // its own range does not count as busy
        if (!check.isOk()) {
            return refused(c, check.status(), start, length);
        }
        long provider = check.providerId().orElse(current.providerId());
        Savepoint before = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("appointment-move"))) {
            ps.setTimestamp(1, Timestamp.from(start.toInstant()));
            ps.setTimestamp(2, Timestamp.from(end));
            ps.setLong(3, provider);
            ps.setLong(4, appointmentId);
            ps.executeUpdate();
            c.releaseSavepoint(before);
        } catch (SQLException e) {
            if (!EXCLUSION_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(before);
            return refused(c, SlotCheck.Status.TAKEN, start, length);
        }
        Appointment moved = appointment(c, appointmentId).orElseThrow();
        Map<String, Object> payload = booked(moved);
        payload.remove("name");
        payload.remove("phone");
        payload.put("previousStart", Times.iso(current.start(), schedule().zone()));
        payload.put("previousEnd", Times.iso(current.end(), schedule().zone()));
        publish(c, EventType.APPOINTMENT_RESCHEDULED, moved, payload);
        return new BookingOutcome.Booked(moved);
    }

    /** Cancels; false when there was no active appointment with that id. */
    public boolean cancel(Connection c, long appointmentId) throws SQLException {
        return cancel(c, appointmentId, "practice", null);
    }

    /** Cancels on behalf of {@code cancelledBy} (caller, practice or system), from a call when {@code callSid} is set. */
    public boolean cancel(Connection c, long appointmentId, String cancelledBy, String callSid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("appointment-cancel"))) {
            ps.setLong(1, appointmentId);
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        Appointment a = appointment(c, appointmentId).orElseThrow();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("appointmentId", String.valueOf(a.id()));
        if (callSid != null) {
            payload.put("callSid", callSid);
        }
        payload.put("customerId", String.valueOf(a.customerId()));
        payload.put("start", Times.iso(a.start(), schedule().zone()));
        payload.put("end", Times.iso(a.end(), schedule().zone()));
        payload.put("providerId", String.valueOf(a.providerId()));
        payload.put("cancelledBy", cancelledBy);
        publish(c, EventType.APPOINTMENT_CANCELLED, a, payload);
        return true;
    }

    /** The booking's event in the same transaction as the change: it can be neither lost nor sent for a rollback. */
    private void publish(Connection c, EventType type, Appointment a, Map<String, Object> payload) throws SQLException {
        events.append(c, type, "appointment-" + a.id(), payload);
    }

    private Map<String, Object> booked(Appointment a) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("appointmentId", String.valueOf(a.id()));
        if (a.callSid() != null) {
            p.put("callSid", a.callSid());
        }
        p.put("customerId", String.valueOf(a.customerId()));
        p.put("phone", a.phone());
        p.put("name", a.name());
        p.put("start", Times.iso(a.start(), schedule().zone()));
        p.put("end", Times.iso(a.end(), schedule().zone()));
        p.put("durationMinutes", a.durationMinutes());
        p.put("service", a.service());
        p.put("providerId", String.valueOf(a.providerId()));
        return p;
    }

    public Optional<Appointment> appointment(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("appointment-by-id"))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(appointment(rs)) : Optional.empty();
            }
        }
    }

    public List<Appointment> appointmentsByPhone(Connection c, String phone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("appointments-by-phone"))) {
            ps.setString(1, phone);
            List<Appointment> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(appointment(rs));
                }
            }
            return out;
        }
    }

    /** The caller's next active appointment that has not ended yet. */
    public Optional<Appointment> nextAppointment(Connection c, String phone) throws SQLException {
        return upcomingAppointments(c, phone, 1).stream().findFirst();
    }

    /** The caller's active appointments that have not ended yet, soonest first, at most {@code limit}. */
    public List<Appointment> upcomingAppointments(Connection c, String phone, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("appointments-upcoming-for-phone"))) {
            ps.setString(1, phone);
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            ps.setInt(3, limit);
            List<Appointment> out = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(appointment(rs));
                }
            }
            return out;
        }
    }

    /** The caller's booked appointment on {@code day} (the practice's zone) that has not ended, the earliest. */
    public Optional<Appointment> appointmentOn(Connection c, String phone, java.time.LocalDate day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("appointment-on-day-for-phone"))) {
            ps.setString(1, phone);
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            ps.setTimestamp(3, Timestamp.from(day.atStartOfDay(schedule().zone()).toInstant()));
            ps.setTimestamp(4, Timestamp.from(day.plusDays(1).atStartOfDay(schedule().zone()).toInstant()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(appointment(rs)) : Optional.empty();
            }
        }
    }

    /** The service the caller with {@code phone} usually books: that of their latest kept appointment, if still offered. */
    public Optional<String> usualService(Connection c, String phone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("appointment-usual-service-for-phone"))) {
            ps.setString(1, phone);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** A service by name, or the default one (the first) when the name is blank. */
    public ServiceType service(Connection c, String name) throws SQLException {
        boolean named = name != null && !name.isBlank();
        return catalog.service(c, name).orElseThrow(() ->
                new IllegalArgumentException(named ? "Unknown service " + name : "No active service"));
    }

    /** The services callers can choose from, in the practice's order. */
    public List<ServiceType> activeServices(Connection c) throws SQLException {
        return catalog.services(c);
    }

    /** A kind of appointment the practice offers. */
    public record ServiceType(long id, String name, int durationMinutes) {
    }

    private BookingOutcome refused(Connection c, SlotCheck.Status reason, ZonedDateTime wish, int minutes) throws SQLException {
        return new BookingOutcome.Refused(reason, alternatives(c, wish, minutes, ALTERNATIVES));
    }

    /** The provider the check chose first, then every other one (a parallel booking may have taken the first). */
    private List<Long> freeProvidersFirst(Connection c, SlotCheck check) throws SQLException {
        List<Long> order = new ArrayList<>();
        check.providerId().ifPresent(order::add);
        for (long p : catalog.providers(c)) {
            if (!order.contains(p)) {
                order.add(p);
            }
        }
        return order;
    }


    /** Busy ranges within the window availability searches look at (two weeks either side of the wish). */
    private List<Busy> busyAround(Connection c, Instant wish) throws SQLException {
        Duration window = Duration.ofDays(15);
        return busy(c, wish.minus(window), wish.plus(window));
    }

    private List<Busy> busy(Connection c, Instant from, Instant to) throws SQLException {
        List<Busy> busy = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("busy-between"))) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    busy.add(new Busy(rs.getLong(1),
                            new Interval(rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant())));
                }
            }
        }
        return busy;
    }

    private static Customer customer(ResultSet rs) throws SQLException {
        return new Customer(rs.getLong("id"), rs.getString("phone"), rs.getString("name"),
                (Integer) rs.getObject("preferred_duration_minutes"));
    }

    private static Appointment appointment(ResultSet rs) throws SQLException {
        return new Appointment(rs.getLong("id"), rs.getString("call_sid"), rs.getString("name"), rs.getString("phone"),
                rs.getTimestamp("starts").toInstant(), rs.getTimestamp("ends").toInstant(), rs.getString("service"),
                rs.getString("status"), rs.getLong("provider_id"), rs.getLong("customer_id"));
    }
}
