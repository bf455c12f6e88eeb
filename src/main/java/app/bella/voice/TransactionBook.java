package app.bella.voice;

import app.bella.booking.Appointment;
import app.bella.booking.BookingOutcome;
import app.bella.booking.BookingService;
import app.bella.booking.Customer;
import app.bella.booking.Slot;
import app.bella.booking.SlotCheck;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The practice's book over the booking service, bound to one call turn's transaction (its connection; a call's start
 * reads on it in auto-commit). The services and providers come from a short-lived cache ({@link app.bella.booking.Catalog}).
 */
public final class TransactionBook implements PracticeBook {

    /** A statement of the turn failed: the turn is rolled back. */
    static final class Failure extends RuntimeException {
        Failure(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private interface Query<T> {
        T run() throws SQLException;
    }

    private final Connection tx;
    private final BookingService bookings;
    private final CallerVerification verification;

    /** Opens the book on a turn's transaction: {@code books.apply(connection)}. */
    public static java.util.function.Function<Connection, PracticeBook> over(BookingService bookings,
                                                                           CallerVerification verification) {
        return tx -> new TransactionBook(tx, bookings, verification);
    }

    private TransactionBook(Connection tx, BookingService bookings, CallerVerification verification) {
        this.tx = tx;
        this.bookings = bookings;
        this.verification = verification;
    }

    private static <T> T run(Query<T> query) {
        try {
            return query.run();
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    @Override
    public List<BookingService.ServiceType> activeServices() {
        return run(() -> bookings.activeServices(tx));
    }

    @Override
    public BookingService.ServiceType service(String name) {
        return run(() -> bookings.service(tx, name));
    }

    @Override
    public Optional<Customer> customer(String phone) {
        return run(() -> bookings.customer(tx, phone));
    }

    @Override
    public Optional<Appointment> nextAppointment(String phone) {
        return run(() -> bookings.nextAppointment(tx, phone));
    }

    @Override
    public List<Appointment> upcomingAppointments(String phone, int limit) {
        return run(() -> bookings.upcomingAppointments(tx, phone, limit));
    }

    @Override
    public Optional<Appointment> appointmentOn(String phone, java.time.LocalDate day) {
        return run(() -> bookings.appointmentOn(tx, phone, day));
    }

    @Override
    public Optional<String> usualService(String phone) {
        return run(() -> bookings.usualService(tx, phone));
    }

    @Override
    public Optional<Appointment> appointment(long id) {
        return run(() -> bookings.appointment(tx, id));
    }

    @Override
    public SlotCheck check(ZonedDateTime start, int minutes, Long movingId) {
        return run(() -> bookings.check(tx, start, minutes, movingId));
    }

    @Override
    public List<Slot> alternatives(ZonedDateTime wish, int minutes, int n) {
        return run(() -> bookings.alternatives(tx, wish, minutes, n));
    }

    @Override
    public List<Slot> free(LocalDate from, LocalDate to, int minutes) {
        return run(() -> bookings.free(tx, from, to, minutes));
    }

    @Override
    public BookingOutcome book(String phone, String name, ZonedDateTime start, int minutes, String service, String callSid,
                               boolean mayRename) {
        return run(() -> bookings.book(tx, phone, name, start, minutes, service, callSid, mayRename));
    }

    @Override
    public BookingOutcome move(long appointmentId, ZonedDateTime start, int minutes) {
        return run(() -> bookings.move(tx, appointmentId, start, minutes));
    }

    @Override
    public boolean cancel(long appointmentId, String callSid) {
        return run(() -> bookings.cancel(tx, appointmentId, "caller", callSid));
    }

    @Override
    public CallerVerification.Sent sendCode(String callSid, String phone) {
        return run(() -> verification.send(tx, callSid, phone));
    }

    @Override
    public CallerVerification.Check checkCode(String callSid, String phone, String said) {
        return run(() -> verification.check(tx, callSid, phone, said));
    }

    @Override
    public void requestCallback(String callSid, String phone, String reason) {
        run(() -> {
            CallStore.recordCallback(tx, callSid, phone, reason);
            return null;
        });
    }
}
