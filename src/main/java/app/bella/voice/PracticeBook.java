package app.bella.voice;

import app.bella.booking.Appointment;
import app.bella.booking.BookingOutcome;
import app.bella.booking.BookingService;
import app.bella.booking.Customer;
import app.bella.booking.Slot;
import app.bella.booking.SlotCheck;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * What the dialogue reads and changes in the practice's book during one call turn: services, customers, free times,
 * bookings, verification codes and callback requests. One instance serves one turn, inside that turn's transaction
 * ({@link TransactionBook}); a failure is an unchecked exception and the turn's writes are rolled back. A call's start
 * only reads, outside a transaction: its one write follows.
 */
public interface PracticeBook {

    /** The services callers can choose from (as read at most a few seconds ago: {@link app.bella.booking.Catalog}). */
    List<BookingService.ServiceType> activeServices();

    BookingService.ServiceType service(String name);

    Optional<Customer> customer(String phone);

    Optional<Appointment> nextAppointment(String phone);

    /** The caller's coming appointments, soonest first, at most {@code limit} ("when are my appointments?"). */
    List<Appointment> upcomingAppointments(String phone, int limit);

    /** The caller's appointment on that day (they named it: "cancel my appointment on the 16th"), if they have one. */
    Optional<Appointment> appointmentOn(String phone, java.time.LocalDate day);

    /** The service the caller usually books (their latest kept appointment's, while it is offered). */
    Optional<String> usualService(String phone);

    Optional<Appointment> appointment(long id);

    SlotCheck check(ZonedDateTime start, int minutes, Long movingId);

    List<Slot> alternatives(ZonedDateTime wish, int minutes, int n);

    List<Slot> free(LocalDate from, LocalDate to, int minutes);

    BookingOutcome book(String phone, String name, ZonedDateTime start, int minutes, String service, String callSid,
                        boolean mayRename);

    BookingOutcome move(long appointmentId, ZonedDateTime start, int minutes);

    boolean cancel(long appointmentId, String callSid);

    /** Texts a verification code to a spoken number. */
    CallerVerification.Sent sendCode(String callSid, String phone);

    CallerVerification.Check checkCode(String callSid, String phone, String said);

    /** Asks the team to call the caller back (or, with no number, just notes the call). */
    void requestCallback(String callSid, String phone, String reason);
}
