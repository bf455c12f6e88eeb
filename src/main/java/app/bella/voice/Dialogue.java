package app.bella.voice;

import app.bella.support.Times;
import app.bella.booking.Appointment;
import app.bella.booking.BookingOutcome;
import app.bella.booking.BookingService;
import app.bella.booking.Customer;
import app.bella.nlu.AppointmentReference;
import app.bella.nlu.Confirmation;
import app.bella.nlu.DateRange;
import app.bella.nlu.Expect;
import app.bella.nlu.Extraction;
import app.bella.nlu.Intent;
import app.bella.nlu.IntentParser;
import app.bella.nlu.NameParser;
import app.bella.nlu.ParseContext;
import app.bella.nlu.PhoneParser;
import app.bella.nlu.WhenPhrase;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The conversation policy: given the call's state and what the caller just said, fill every slot the caller
 * volunteered, decide what to ask next (only what is missing), read back before committing, and book, move or
 * cancel through the booking service inside the caller's transaction. Bounded: a step that keeps failing moves to
 * the keypad, then to a person or a callback, and a call has a hard cap on turns.
 */
public final class Dialogue {

    /** Failures on one step before the keypad is offered, and before the caller is handed to a person. */
    static final int KEYPAD_AFTER = 2;
    static final int ESCALATE_AFTER = 4;
    static final int MAX_TURNS = 30;
    /** Longer "names" are noise (a customer's name is at most 200 characters). */
    static final int MAX_NAME_CHARS = 100;

    /** The caller wants to stop: "never mind", "forget it", "goodbye". */
    private static final Pattern GOODBYE = Pattern.compile(
            "^\\W*(ok(ay)?\\W+)?(never ?mind|forget (it|about it)|good ?bye|bye( bye)?|i'?ll call (you )?back( later)?)\\b",
            Pattern.CASE_INSENSITIVE);
    /** A parting said last ("... I'll call back another day. Bye."), which ends the call unless the caller agreed. */
    private static final Pattern PARTING_LAST = Pattern.compile(
            "\\b(good ?bye|bye( bye| now)?|i'?ll (call|ring|try) (you )?(back|again)( later| another (day|time)"
                    + "| some other (day|time)| tomorrow| next week)?)\\W*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AGREEING = Pattern.compile(
            "\\b(yes|yeah|yep|yup|sure|ok(ay)?|great|perfect|sounds good|please|book it|that works)\\b",
            Pattern.CASE_INSENSITIVE);
    /** The caller asks for a person: "can I talk to a real person", "put me through to someone", "operator, please". */
    private static final Pattern WANTS_PERSON = Pattern.compile(
            "\\b(speak|talk|chat)(ing)?\\s+(to|with)\\s+(a\\s+|an\\s+|the\\s+|your\\s+)?(real\\s+|actual\\s+|live\\s+)?"
                    + "(person|human|people|someone|somebody|anyone|anybody|receptionist|representative|agent|operator"
                    + "|staff|front desk|nurse|doctor|dentist)\\b"
                    + "|\\b(put|transfer|connect|patch)\\s+me\\s+(through|over|to)\\b"
                    + "|\\b(a|an)\\s+(real|actual|live)\\s+(person|human)\\b"
                    + "|^\\W*(human|person|operator|agent|representative|receptionist)(\\s+please)?\\W*$",
            Pattern.CASE_INSENSITIVE);
    /** A question about opening hours: "what time do you close on Fridays?", "are you open Saturday?". */
    private static final Pattern HOURS_QUESTION = Pattern.compile(
            "\\b(what|when)\\b[^.?!]*\\b(do|does|are|is)\\s+(you|y'all|the (clinic|office|practice))\\s+(open|close|closed)\\b"
                    + "|\\b(are|is)\\s+(you|the (clinic|office|practice))\\s+(open|closed)\\b"
                    + "|\\b(your|the|opening|office|business|clinic)\\s+hours\\b",
            Pattern.CASE_INSENSITIVE);
    private static final IntentParser INTENTS = new IntentParser();
    /** The most appointments one "cancel all of them" reads out and cancels. */
    private static final int MOST_CANCELLED = 5;
    /** How many are read out together, in words ("two", "three" …; at least two are). */
    private static final String[] COUNTED = {"", "", "two", "three", "four", "five"};
    private static final PhoneParser PHONES = new PhoneParser();
    private static final Pattern DIGIT = Pattern.compile(
            "\\d|\\b(zero|oh|one|two|three|four|five|six|seven|eight|nine)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHANGE_NAME = Pattern.compile("\\b(name|spell)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHANGE_PHONE = Pattern.compile("\\b(phone|number)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHANGE_TIME_ONLY = Pattern.compile("\\b(time|hour)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHANGE_DAY = Pattern.compile("\\b(day|date|when)\\b", Pattern.CASE_INSENSITIVE);

    private final BookingService bookings;
    private final TurnUnderstanding understanding;
    private final AppointmentReference references = new AppointmentReference();
    private final String practiceName;
    private final String transferNumber;
    private final CallerVerification verification;
    private final TimeOffers offers;

    /**
     * @param bookings      only for the practice's clock, zone and hours; what a turn reads and changes comes through
     *                      the turn's {@link PracticeBook}
     * @param understanding reads the caller's words again when a turn moves to another step (rules only)
     * @param verification  the code length and whether codes can be texted; null (or not available) means callers of
     *                      a spoken number are refused
     */
    public Dialogue(BookingService bookings, TurnUnderstanding understanding, String practiceName, String transferNumber,
                    CallerVerification verification) {
        this.verification = verification;
        this.bookings = bookings;
        this.understanding = understanding;
        this.practiceName = practiceName;
        this.transferNumber = transferNumber == null || transferNumber.isBlank() ? null : transferNumber.strip();
        this.offers = new TimeOffers(bookings, understanding);
    }

    // ------------------------------------------------------------------------------------------------ call start

    /** The greeting: returning callers (caller ID matches a customer) are greeted by first name. */
    public Reply start(PracticeBook book, CallState s) {
        List<BookingService.ServiceType> services = book.activeServices();
        if (services.size() > 1) {
            services.forEach(service -> s.serviceChoices.add(service.name()));
        }
        if (s.from != null) {
            s.phone = s.from;
            s.phoneSource = "caller-id";
            Optional<Customer> known = book.customer(s.from);
            if (known.isPresent()) {
                Customer c = known.get();
                s.returning = true;
                s.customerId = c.id();
                s.name = c.name();
                s.durationMinutes = c.preferredDurationMinutes();
                s.durationFromProfile = c.preferredDurationMinutes() != null;
                String hello = "Hi " + c.firstName() + ", welcome back to " + practiceName + ".";
                // the caller ID is the caller's own, proven number: their next appointment may be said at once
                Optional<Appointment> upcoming = book.nextAppointment(s.from);
                if (upcoming.isPresent()) {
                    Appointment a = upcoming.get();
                    s.existingAppointmentId = a.id();
                    s.existingStart = Times.iso(a.start(), zone());
                    s.step = Step.KEEP_MOVE_CANCEL;
                    return Reply.ask(hello + " I see your appointment " + spoken(a.start()) + ".",
                            "Would you like to keep it, move it or cancel it?", Reply.Input.SPEECH,
                            List.of("keep it", "move it", "cancel it", "book another"));
                }
                s.step = Step.ASK_TIME;
                // what they usually come for: their last kept appointment's service (its length unless they have one)
                Optional<String> usualService = book.usualService(s.from);
                usualService.ifPresent(name -> {
                    s.service = name;
                    if (s.durationMinutes == null) {
                        s.durationMinutes = book.service(name).durationMinutes();
                    }
                });
                String what = usualService.map(name -> name.toLowerCase(Locale.ROOT)).orElse("appointment");
                String usual = s.durationMinutes == null ? usualService.map(name -> " for your usual " + what + "?").orElse("?")
                        : " for your usual " + s.durationMinutes + "-minute " + what + "?";
                return Reply.ask(hello, "When would you like to come in" + usual, Reply.Input.SPEECH, Reply.TIME_HINTS);
            }
        }
        s.step = Step.ASK_NAME;
        return Reply.ask("Thank you for calling " + practiceName + ". This is Bella, I can book an appointment for you.",
                "May I have your first and last name, please?", Reply.Input.SPEECH, List.of());
    }

    // ------------------------------------------------------------------------------------------------ each turn

    /**
     * One turn: {@code heard} is what the caller's words were understood as before the call was locked (see
     * {@link #listening}); the dialogue never asks the model itself.
     */
    public Reply turn(PracticeBook book, CallState s, TurnInput in, Heard heard) {
        s.turn++;
        if (s.turn > MAX_TURNS) {
            return escalate(book, s, "The call went on too long.");
        }
        if (in.silent()) {
            return failed(book, s, "Sorry, I didn't hear anything.");
        }
        if (leaving(s, in)) {
            s.step = Step.DONE;
            s.outcome = s.outcome == null ? "abandoned" : s.outcome;
            return Reply.hangUp("No problem. Thank you for calling " + practiceName + ". Goodbye!");
        }
        if (wantsPerson(s, in)) {
            if (s.personAsked) {
                return handToPerson(book, s);
            }
            s.personAsked = true; // once: what Bella can do, then the question again; asked again, a person
            return Reply.ask("I can book, move or cancel an appointment for you right now. If you'd still rather speak"
                    + " to someone, just say so again and I'll " + (transferNumber != null ? "put you through."
                    : "have our team call you back."), s.lastAsk == null ? "How can I help?" : s.lastAsk,
                    Reply.Input.SPEECH, List.of());
        }
        if (asksOpeningHours(s, in)) {
            return Reply.ask("We're open " + HoursSpoken.describe(bookings.schedule().hours()) + ".",
                    s.lastAsk == null ? "How can I help?" : s.lastAsk, Reply.Input.SPEECH, List.of());
        }
        boolean serviceSaid = chooseService(book, s, in);
        if (serviceSaid && (s.step == Step.ASK_SERVICE || s.step == Step.CONFIRM)) {
            resetFailures(s);
            return next(book, s, "");
        }
        return switch (s.step) {
            case CONFIRM -> onConfirm(book, s, in, heard);
            case CONFIRM_CANCEL -> onConfirmCancel(book, s, in, heard);
            case CHOOSE_ALTERNATIVE -> onAlternative(book, s, in, heard);
            case ASK_CHANGE -> onChange(book, s, in, heard);
            case ASK_INTENT -> onIntent(book, s, in, heard);
            case KEEP_MOVE_CANCEL -> onKeepMoveCancel(book, s, in, heard);
            case CONFIRM_CALLER_NUMBER -> onConfirmCallerNumber(book, s, in, heard);
            case VERIFY_CODE -> onVerifyCode(book, s, in, heard);
            case OFFER_HELP -> onOfferHelp(book, s, in, heard);
            case DONE -> Reply.hangUp("Goodbye.");
            default -> onSlots(book, s, in, heard, serviceSaid);
        };
    }

    /**
     * A turn Bella could not process (its writes were rolled back): counted as a failure on the step and asked again,
     * so a caller whose words keep failing still reaches the keypad and then a person.
     */
    public Reply notUnderstood(PracticeBook book, CallState s) {
        s.turn++;
        if (s.turn > MAX_TURNS) {
            return escalate(book, s, "The call went on too long.");
        }
        return failed(book, s, "Sorry, I didn't catch that.");
    }

    /**
     * "Never mind", "goodbye", or a parting said last ("... I'll call back. Bye.") — unless Bella asked something a
     * yes answers and the words agree ("yes, great, thanks, bye" books).
     */
    private static boolean leaving(CallState s, TurnInput in) {
        String speech = in.speech();
        if (speech == null) {
            return false;
        }
        boolean yesAsked = s.step == Step.CONFIRM || s.step == Step.CONFIRM_CANCEL || s.step == Step.CHOOSE_ALTERNATIVE
                || s.step == Step.CONFIRM_CALLER_NUMBER || s.step == Step.OFFER_HELP;
        return GOODBYE.matcher(speech).find()
                || PARTING_LAST.matcher(speech).find() && !(yesAsked && AGREEING.matcher(speech).find());
    }

    private static boolean wantsPerson(CallState s, TurnInput in) {
        return s.step != Step.DONE && in.speech() != null && WANTS_PERSON.matcher(in.speech()).find();
    }

    /** A question about the hours and nothing to book in it ("are you open Friday? I'd like to come in at 10" books). */
    private static boolean asksOpeningHours(CallState s, TurnInput in) {
        return s.step != Step.DONE && in.speech() != null && HOURS_QUESTION.matcher(in.speech()).find()
                && INTENTS.parse(in.speech()) == null;
    }

    /** Asked a second time for a person: put through when a transfer number is set, else a callback is asked for. */
    private Reply handToPerson(PracticeBook book, CallState s) {
        s.step = Step.DONE;
        if (transferNumber != null) {
            s.outcome = "transferred";
            return Reply.transfer("Of course. Let me put you through to a member of our team.", transferNumber);
        }
        String phone = s.phone != null ? s.phone : s.from;
        if (phone == null) {
            s.outcome = "abandoned";
            return Reply.hangUp("I'm sorry, no one can take your call right now, and I have no number to call you back"
                    + " on. Please call us again during opening hours. Goodbye.");
        }
        s.outcome = "callback";
        book.requestCallback(s.callSid, phone, "the caller asked for a person");
        return Reply.hangUp("Of course. I've asked our team to call you back at the number ending in "
                + CallerNumbers.lastDigits(phone) + " as soon as they can. Thank you for calling, goodbye!");
    }

    /** The Expect a turn's words are read for ({@code expect} null: open, every slot). */
    public record Listening(Expect expect) {
    }

    /**
     * Whether {@link #turn} reads the caller's words, and for which Expect: the step the call is on decides it (each
     * handler's reading). Empty when the turn reads none: too many turns, silence, a goodbye, a service named where
     * that alone answers, a verification code (never sent anywhere), keypad keys at "keep, move or cancel", an ended
     * call. Keep it in step with {@link #turn}.
     */
    public static Optional<Listening> listening(CallState s, TurnInput in) {
        if (s.turn + 1 > MAX_TURNS || in.silent() || leaving(s, in) || wantsPerson(s, in) || asksOpeningHours(s, in)) {
            return Optional.empty();
        }
        if (serviceNamed(s, in) != null && (s.step == Step.ASK_SERVICE || s.step == Step.CONFIRM)) {
            return Optional.empty();
        }
        return switch (s.step) {
            case CONFIRM, CONFIRM_CANCEL, CONFIRM_CALLER_NUMBER, OFFER_HELP -> Optional.of(new Listening(Expect.CONFIRM));
            case CHOOSE_ALTERNATIVE -> Optional.of(new Listening(Expect.TIME));
            case ASK_CHANGE, ASK_INTENT -> Optional.of(new Listening(null));
            case KEEP_MOVE_CANCEL -> in.speech() == null ? Optional.empty() : Optional.of(new Listening(null));
            case VERIFY_CODE, DONE -> Optional.empty();
            default -> Optional.of(new Listening(expectFor(s.step)));
        };
    }

    /** A service named anywhere in the turn ("a cleaning tomorrow at 2") becomes the booking's service and length. */
    private boolean chooseService(PracticeBook book, CallState s, TurnInput in) {
        String name = serviceNamed(s, in);
        return name != null && setService(book, s, name);
    }

    /** The service the caller chose this turn (by name, or by key on the service question); null when none or the same. */
    private static String serviceNamed(CallState s, TurnInput in) {
        if (s.serviceChoices.isEmpty() || in.speech() == null) {
            if (s.step == Step.ASK_SERVICE && in.digits() != null) {
                int choice = Integer.parseInt("0" + in.digits().replaceAll("[^0-9]", "")) - 1;
                if (choice >= 0 && choice < s.serviceChoices.size()) {
                    return s.serviceChoices.get(choice);
                }
            }
            return null;
        }
        String said = " " + in.speech().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 ]", " ") + " ";
        for (String name : s.serviceChoices) {
            String n = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 ]", " ").strip();
            String singular = n.endsWith("s") ? n.substring(0, n.length() - 1) : n;
            if (said.contains(" " + n + " ") || said.contains(" " + singular + " ") || said.contains(" " + n + "s ")) {
                return name.equals(s.service) ? null : name;
            }
        }
        return null;
    }

    private boolean setService(PracticeBook book, CallState s, String name) {
        s.service = name;
        if (s.durationMinutes == null || s.durationFromProfile) {
            s.durationMinutes = book.service(name).durationMinutes();
            s.durationFromProfile = false;
        }
        if (s.start != null) {
            ZonedDateTime start = ZonedDateTime.parse(s.start);
            s.start = null; // the new length must fit too: check the same start again
            s.putWhen(new WhenPhrase(start.toLocalDate(), start.toLocalTime(), null, true));
        }
        return true;
    }

    private Reply onSlots(PracticeBook book, CallState s, TurnInput in, Heard heard, boolean serviceSaid) {
        Extraction ex = understand(s, in, heard, expectFor(s.step));
        Changes changed = apply(s, ex, in);
        rememberAppointmentDay(s, in);
        if (changed.intent && !"BOOK".equals(s.intent)) {
            return startExistingFlow(book, s, "");
        }
        if (changed.unresolved != null) {
            return reaskDay(book, s, changed.unresolved);
        }
        if (s.step == Step.ASK_PHONE && !changed.phone && s.fromDigits != null && s.phone == null
                && CallerNumbers.says(in.text(), s.fromDigits)) {
            // the caller ID is no valid number, but the caller says that very number: take it rather than ask forever
            s.phone = "+" + s.fromDigits;
            s.phoneSource = "caller-id";
            resetFailures(s);
            return next(book, s, "Thanks, I have your number ending in " + CallerNumbers.lastDigits(s.phone) + ".");
        }
        if (s.step == Step.ASK_PHONE && !changed.phone && s.phone == null && in.speech() != null) {
            String joined = s.phoneHeard == null ? null : PHONES.parse(s.phoneHeard + " " + in.speech(), context(s));
            s.phoneHeard = joined == null && DIGIT.matcher(in.speech()).find() ? in.speech() : null;
            if (joined != null) {
                s.phone = joined; // "my number's 403, 555" … "0192": the number said over two turns
                s.phoneSource = "spoken";
                resetFailures(s);
                return next(book, s, "Thanks, I have your number ending in " + CallerNumbers.lastDigits(s.phone) + ".");
            }
        }
        if (!changed.any() && !serviceSaid) {
            if (s.step == Step.ASK_PHONE && s.failuresOn(Step.ASK_PHONE) + 1 >= KEYPAD_AFTER && !s.callerIdOffered
                    && CallerNumbers.ofCall(s) != null) {
                s.failures.merge(Step.ASK_PHONE.name(), 1, Integer::sum);
                s.callerIdOffered = true;
                s.step = Step.CONFIRM_CALLER_NUMBER;
                return Reply.ask(notUnderstood(Step.ASK_PHONE), "Shall I use the number you're calling from, ending "
                        + CallerNumbers.lastDigits(CallerNumbers.ofCall(s)) + "?", Reply.Input.SPEECH, List.of("yes", "no"));
            }
            return failed(book, s, notUnderstood(s.step));
        }
        resetFailures(s);
        return next(book, s, changed.when ? "" : acknowledge(s, changed));
    }

    private Reply onIntent(PracticeBook book, CallState s, TurnInput in, Heard heard) {
        Extraction ex = understand(s, in, heard, null);
        Changes changed = apply(s, ex, in);
        rememberAppointmentDay(s, in);
        if (s.intent == null && (changed.slotChanged() || ex.confirmation() == Confirmation.YES)) {
            s.intent = "BOOK"; // "yes", a time or a name in answer to "would you like to book…" means a booking
        }
        if (changed.unresolved != null && !"CANCEL".equals(s.intent) && !"QUERY".equals(s.intent)) {
            return reaskDay(book, s, changed.unresolved);
        }
        if (s.intent == null && ex.confirmation() == Confirmation.NO) {
            s.outcome = s.outcome == null ? "completed" : s.outcome;
            s.step = Step.DONE;
            return Reply.hangUp("Thank you for calling " + practiceName + ". Goodbye!");
        }
        if (s.intent == null) {
            return failed(book, s, "Sorry, I didn't catch that.");
        }
        resetFailures(s);
        if (!"BOOK".equals(s.intent)) {
            return startExistingFlow(book, s, "");
        }
        return next(book, s, changed.when ? "" : acknowledge(s, changed));
    }

    private Reply onConfirm(PracticeBook book, CallState s, TurnInput in, Heard heard) {
        Extraction ex = understand(s, in, heard, Expect.CONFIRM);
        String previousStart = s.start;
        Changes changed = apply(s, ex, in);
        String newEnding = ex.phone() == null ? CallerNumbers.withEndingSaid(s.phone, in.text()) : null;
        if (newEnding != null) {
            s.phone = newEnding; // "my number ends in 0199, not 0189"
            s.phoneSource = "spoken";
            changed = new Changes(changed.intent, changed.name, true, changed.when, changed.duration, changed.unresolved);
        }
        if (changed.unresolved != null) {
            return reaskDay(book, s, changed.unresolved); // "no, yesterday": nothing is booked, the day is asked again
        }
        if (changed.when && !changed.name && !changed.phone && !changed.duration && changed.unresolved == null
                && ex.confirmation() == Confirmation.YES && sameWhen(previousStart, s)) {
            s.start = previousStart; // "yes, Friday at 10, that's right": the time read back, said again
            return commit(book, s);
        }
        if (changed.slotChanged()) {
            // "no, Thursday", "actually make it 3", "my name is Jon with an h": correct and read back again
            resetFailures(s);
            return next(book, s, changed.when && Objects.equals(previousStart, s.start) ? "" : "Got it.");
        }
        Confirmation answer = ex.confirmation() != null ? ex.confirmation() : keypadYesNo(in);
        if (answer == Confirmation.YES) {
            return commit(book, s);
        }
        if (answer == Confirmation.NO) {
            resetFailures(s);
            s.step = Step.ASK_CHANGE;
            return Reply.ask("Sorry about that.", "What should I change: the name, the day or the time?", Reply.Input.SPEECH,
                    List.of("name", "day", "time", "phone number"));
        }
        return failed(book, s, "Sorry, was that a yes or a no?");
    }

    /** Whether the day and time now on the table are those of {@code start} (a time said without am/pm may be pm). */
    private boolean sameWhen(String start, CallState s) {
        if (start == null || s.date == null || s.time == null) {
            return false;
        }
        ZonedDateTime at = ZonedDateTime.parse(start).withZoneSameInstant(zone());
        LocalTime said = LocalTime.parse(s.time);
        return at.toLocalDate().toString().equals(s.date)
                && (said.equals(at.toLocalTime()) || !s.explicitAmPm && said.plusHours(12).equals(at.toLocalTime()));
    }

    private Reply onConfirmCancel(PracticeBook book, CallState s, TurnInput in, Heard heard) {
        Extraction ex = understand(s, in, heard, Expect.CONFIRM);
        Confirmation answer = ex.confirmation() != null ? ex.confirmation() : keypadYesNo(in);
        if (ex.intent() == Intent.CANCEL && in.text() != null) {
            answer = AppointmentAnswers.cancelQuestion(in.text()); // "yes, please cancel it" agrees; "cancel it" is no "no" here
        }
        if (ex.intent() == Intent.RESCHEDULE && answer != Confirmation.YES) {
            s.step = Step.KEEP_MOVE_CANCEL; // "instead of cancelling, could I move it to Monday?"
            return onKeepMoveCancel(book, s, in, heard);
        }
        if (answer == Confirmation.YES) {
            Appointment a = book.appointment(s.existingAppointmentId).orElse(null);
            if (a != null && s.cancelIds.isEmpty() && in.text() != null && references.every(in.text())) {
                s.cancelIds = ids(book.upcomingAppointments(a.phone(), MOST_CANCELLED)); // "yes, cancel both of them"
            }
            if (s.cancelIds.size() > 1) {
                return cancelEvery(book, s);
            }
            if (a != null && book.cancel(a.id(), s.callSid)) {
                s.outcome = "cancelled";
                s.appointmentId = a.id();
                s.step = Step.DONE;
                return Reply.hangUp("Your appointment " + spoken(a.start()) + " is cancelled. We'll text you a note of it."
                        + " Thank you for calling, goodbye!");
            }
            s.step = Step.DONE;
            s.outcome = "completed";
            return Reply.hangUp("That appointment was already cancelled. Thank you for calling, goodbye!");
        }
        if (answer == Confirmation.NO) {
            resetFailures(s);
            s.intent = null;
            s.step = Step.ASK_INTENT;
            boolean several = s.cancelIds.size() > 1;
            s.cancelIds.clear();
            return Reply.ask(several ? "All right, I've left your appointments as they are."
                    : "All right, I've left your appointment as it is.", "Is there anything else I can do for you?",
                    Reply.Input.SPEECH, List.of());
        }
        return failed(book, s, "Sorry, was that a yes or a no?");
    }

    /**
     * "Your next appointment is …", and the ones after it (up to three in all) when the caller has more: a caller who
     * asks when their appointments are hears all of them. Only for a proven number (the caller ID or a texted code).
     */
    private String appointmentsSaid(PracticeBook book, Appointment next) {
        List<Appointment> coming = book.upcomingAppointments(next.phone(), 3);
        if (coming.size() <= 1) {
            return "Your next appointment is " + spoken(next.start()) + ".";
        }
        List<String> days = coming.stream().map(x -> spoken(x.start())).toList();
        return "You have " + coming.size() + " appointments coming up: " + SpokenDates.listed(days, "and") + ".";
    }

    /**
     * "Cancel both": every coming appointment of the caller read out, and one yes cancels them all; null when they hold
     * only one (then it is the usual single cancellation).
     */
    private Reply confirmCancelEvery(PracticeBook book, CallState s, String phone, String preface) {
        List<Appointment> coming = book.upcomingAppointments(phone, MOST_CANCELLED);
        if (coming.size() < 2) {
            return null;
        }
        s.cancelIds = ids(coming);
        s.existingAppointmentId = coming.get(0).id();
        s.existingStart = Times.iso(coming.get(0).start(), zone());
        s.intent = "CANCEL";
        s.step = Step.CONFIRM_CANCEL;
        String count = COUNTED[coming.size()];
        List<String> days = coming.stream().map(x -> spoken(x.start())).toList();
        String listed = "You have " + count + " appointments: " + SpokenDates.listed(days, "and") + ".";
        return Reply.ask(Reply.join(preface, listed),
                coming.size() == 2 ? "Shall I cancel both?" : "Shall I cancel all " + count + "?",
                Reply.Input.SPEECH, List.of("yes", "no"));
    }

    /** Cancels the appointments read out together; one already cancelled counts as done (a retried webhook). */
    private Reply cancelEvery(PracticeBook book, CallState s) {
        List<String> done = new ArrayList<>();
        for (Long id : s.cancelIds) {
            Optional<Appointment> a = book.appointment(id);
            if (a.isPresent() && (book.cancel(id, s.callSid) || "cancelled".equals(a.get().status()))) {
                done.add(spoken(a.get().start()));
                s.appointmentId = s.appointmentId == null ? id : s.appointmentId;
            }
        }
        s.cancelIds.clear();
        s.step = Step.DONE;
        s.outcome = done.isEmpty() ? "completed" : "cancelled";
        if (done.isEmpty()) {
            return Reply.hangUp("Those appointments were already cancelled. Thank you for calling, goodbye!");
        }
        String cancelled = done.size() == 1 ? "Your appointment " + done.get(0) + " is cancelled. We'll text you a note of it."
                : "Your appointments " + SpokenDates.listed(done, "and") + " are cancelled. We'll text you a note of each.";
        return Reply.hangUp(cancelled + " Thank you for calling, goodbye!");
    }

    private static List<Long> ids(List<Appointment> appointments) {
        return appointments.stream().map(Appointment::id).collect(Collectors.toCollection(ArrayList::new));
    }

    private Reply onAlternative(PracticeBook book, CallState s, TurnInput in, Heard heard) {
        Extraction ex = understand(s, in, heard, Expect.TIME);
        String text = in.text();
        ZonedDateTime picked = offers.picked(s, ex, text);
        if (picked != null) {
            s.acceptStart(picked, zone());
            s.offered.clear();
            resetFailures(s);
            if (ex.confirmation() == Confirmation.YES && s.offerIsReadBack && missing(s) == null) {
                return commit(book, s); // a "yes" to a fully read-back alternative books it
            }
            return next(book, s, "");
        }
        Changes changed = apply(s, ex, in);
        if (changed.unresolved != null) {
            return reaskDay(book, s, changed.unresolved);
        }
        if (changed.any()) {
            resetFailures(s);
            boolean stillBooking = s.intent == null || "BOOK".equals(s.intent) || "RESCHEDULE".equals(s.intent);
            if (!changed.when && stillBooking && !s.offered.isEmpty()) {
                return offers.again(s, acknowledge(s, changed)); // the caller gave their name: the offer still stands
            }
            return next(book, s, changed.when ? "" : acknowledge(s, changed));
        }
        if (ex.confirmation() == Confirmation.NO) {
            resetFailures(s);
            s.offered.clear();
            s.step = Step.ASK_TIME;
            return Reply.ask("No problem.", "What other day and time would suit you?", Reply.Input.SPEECH, Reply.TIME_HINTS);
        }
        return failed(book, s, "Sorry, which time would you like?");
    }

    private Reply onChange(PracticeBook book, CallState s, TurnInput in, Heard heard) {
        Extraction ex = understand(s, in, heard, null);
        Changes changed = apply(s, ex, in);
        if (changed.unresolved != null) {
            return reaskDay(book, s, changed.unresolved);
        }
        if (changed.slotChanged()) {
            resetFailures(s);
            return next(book, s, "Got it.");
        }
        String text = in.text();
        if (CHANGE_DAY.matcher(text).find()) {
            s.forgetWhen();
            s.step = Step.ASK_TIME;
            return Reply.ask("", "What day and time would you like instead?", Reply.Input.SPEECH, Reply.TIME_HINTS);
        }
        if (CHANGE_TIME_ONLY.matcher(text).find()) {
            s.time = null; // keep the day: only the time was wrong
            s.start = null;
            s.explicitAmPm = false;
            s.step = Step.ASK_TIME;
            return Reply.ask("", timeQuestion(s), Reply.Input.SPEECH, Reply.TIME_HINTS);
        }
        if (CHANGE_NAME.matcher(text).find()) {
            s.name = null;
            s.step = Step.ASK_NAME;
            return Reply.ask("", "What is your name? You can also spell it, letter by letter.", Reply.Input.SPEECH, List.of());
        }
        if (CHANGE_PHONE.matcher(text).find()) {
            s.phone = null;
            s.step = Step.ASK_PHONE;
            return Reply.ask("", "What is the best phone number to reach you?", Reply.Input.SPEECH_OR_KEYPAD, List.of());
        }
        if (ex.confirmation() == Confirmation.YES && missing(s) == null) {
            return commit(book, s); // "no wait, it was right"
        }
        return failed(book, s, "Sorry, I didn't catch what to change.");
    }

    // ------------------------------------------------------------------------------------------------ deciding

    /** Ask for the first missing slot, validate the time once it is complete, or read everything back. */
    private Reply next(PracticeBook book, CallState s, String preface) {
        if (s.intent != null && !"BOOK".equals(s.intent) && s.existingAppointmentId == null) {
            return startExistingFlow(book, s, preface);
        }
        if (s.start == null && s.rangeFrom != null) {
            Reply offer = offers.inRange(book, s, preface); // "next week", "Tuesday or Wednesday": only times inside it
            if (offer != null) {
                return offer;
            }
        }
        if (s.start == null && whenComplete(s)) {
            Reply offer = offers.check(book, s, preface);
            if (offer != null) {
                return offer;
            }
        } else if (s.start == null && s.date != null) {
            return offers.onDay(book, s, preface); // "Friday" or "Monday morning": offer the free times that day
        }
        Step missing = missing(s);
        if (missing != null) {
            s.step = missing;
            return askFor(s, missing, preface);
        }
        return readBack(s, preface);
    }

    /** The first slot still missing for the current intent, or null when all are known. */
    private Step missing(CallState s) {
        boolean moving = "RESCHEDULE".equals(s.intent);
        if (!moving && s.name == null) {
            return Step.ASK_NAME;
        }
        if (!moving && s.phone == null) {
            return Step.ASK_PHONE;
        }
        if (!moving && s.service == null && !s.serviceChoices.isEmpty()) {
            return Step.ASK_SERVICE;
        }
        if (s.start == null) {
            return Step.ASK_TIME;
        }
        return null;
    }

    private Reply askFor(CallState s, Step step, String preface) {
        s.keypad = false;
        return switch (step) {
            case ASK_NAME -> Reply.ask(preface, "May I have your first and last name, please?", Reply.Input.SPEECH, List.of());
            case ASK_PHONE -> Reply.ask(preface, "What is the best phone number to reach you?", Reply.Input.SPEECH_OR_KEYPAD,
                    List.of());
            case ASK_SERVICE -> Reply.ask(preface, "Which would you like: " + spokenList(s.serviceChoices) + "?",
                    Reply.Input.SPEECH, s.serviceChoices);
            default -> Reply.ask(preface, timeQuestion(s), Reply.Input.SPEECH, Reply.TIME_HINTS);
        };
    }

    private static String keypadChoices(List<String> items) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            parts.add((i + 1) + " for " + items.get(i));
        }
        return spokenList(parts);
    }

    private static String spokenList(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    private String timeQuestion(CallState s) {
        if (s.date != null && s.time == null) {
            ZonedDateTime day = LocalDate.parse(s.date).atTime(12, 0).atZone(zone());
            String part = s.dayPart == null ? "" : " " + s.dayPart.toLowerCase(Locale.ROOT);
            return "What time on " + SpokenDates.day(day) + part + " would suit you?";
        }
        if (s.date == null && s.time != null) {
            return "Which day would you like to come in at " + SpokenDates.time(LocalDate.now(bookings.clock())
                    .atTime(LocalTime.parse(s.time)).atZone(zone())) + "?";
        }
        String usual = s.durationFromProfile && s.durationMinutes != null
                ? " I'll book your usual " + SpokenDates.duration(s.durationMinutes) + "." : "";
        String verb = "RESCHEDULE".equals(s.intent) ? "move it to" : "come in";
        return "What day and time would you like to " + verb + "?" + usual;
    }

    /**
     * The caller said a day Bella cannot use (past, impossible, unknown): ask again naming what was heard, never a
     * substitute date. Counted as a failure on the time step, so a caller stuck here still reaches the keypad and a person.
     */
    private Reply reaskDay(PracticeBook book, CallState s, String heard) {
        s.forgetWhen();
        s.offered.clear();
        s.step = Step.ASK_TIME;
        int n = s.failures.merge(Step.ASK_TIME.name(), 1, Integer::sum);
        if (n >= ESCALATE_AFTER) {
            return escalate(book, s, "Sorry, I couldn't find a day that works.");
        }
        s.keypad = n >= KEYPAD_AFTER;
        String words = heard.length() > 60 ? heard.substring(0, 60) : heard;
        String question = "I heard " + words + " — which day would you like"
                + ("RESCHEDULE".equals(s.intent) ? " to move it to?" : "?");
        if (s.keypad) {
            question += " You can also type the date on the keypad as four digits, month then day.";
        }
        return Reply.ask("", question, s.keypad ? Reply.Input.SPEECH_OR_KEYPAD : Reply.Input.SPEECH, Reply.TIME_HINTS);
    }

    /** A returning caller heard their next appointment: keep it, move it, cancel it, or book another one. */
    private Reply onKeepMoveCancel(PracticeBook book, CallState s, TurnInput in, Heard heard) {
        String text = in.text() == null ? "" : in.text();
        String digits = in.speech() == null && in.digits() != null ? in.digits().strip() : "";
        Extraction ex = in.speech() == null ? Extraction.EMPTY : understand(s, in, heard, null);
        if (ex.phone() != null && !ex.phone().equals(s.from)) {
            // about another number ("my number is …"): that one must be proven first, as from the menu
            s.existingAppointmentId = null;
            s.existingStart = null;
            s.step = Step.ASK_INTENT;
            return onIntent(book, s, in, heard);
        }
        Appointment a = s.existingAppointmentId == null ? null : book.appointment(s.existingAppointmentId).orElse(null);
        if (a == null) { // cancelled meanwhile: start over as for a caller without one
            s.existingAppointmentId = null;
            s.existingStart = null;
            s.step = Step.ASK_TIME;
            return Reply.ask("", timeQuestion(s), Reply.Input.SPEECH, Reply.TIME_HINTS);
        }
        AppointmentAnswers.KeepMoveCancel answer = AppointmentAnswers.keepMoveCancel(text, digits, ex.intent());
        if (answer.cancel() && !answer.move()) {
            resetFailures(s);
            Reply every = references.every(text) ? confirmCancelEvery(book, s, a.phone(), "") : null;
            if (every != null) {
                return every; // "cancel both of them"
            }
            s.cancelIds.clear();
            // "cancel the one on the 16th": the caller may hold more than the appointment they were told of
            LocalDate named = references.day(text, context(s));
            a = named == null ? inNamedPeriod(book, s.from, references.period(text, context(s)), a) : a;
            a = onNamedDay(book, s.from, named != null ? named : ex.when() == null ? null : ex.when().date(), a, zone());
            a = named == null ? atNamedPosition(book, s.from, references.position(text), a) : a; // "the later one"
            s.existingAppointmentId = a.id();
            s.existingStart = Times.iso(a.start(), zone());
            s.intent = "CANCEL";
            s.step = Step.CONFIRM_CANCEL;
            return Reply.ask("Your appointment is " + spoken(a.start()) + ".", "Shall I cancel it?",
                    Reply.Input.SPEECH, List.of("yes", "no"));
        }
        if (answer.move()) {
            resetFailures(s);
            // "move my appointment on the 16th to Friday": the 16th names which one; Friday is where it goes
            LocalDate named = references.day(text, context(s));
            a = named == null ? inNamedPeriod(book, s.from, references.period(text, context(s)), a) : a;
            a = onNamedDay(book, s.from, named, a, zone());
            a = named == null ? atNamedPosition(book, s.from, references.position(text), a) : a; // "the second one"
            String told = s.existingStart;
            s.existingAppointmentId = a.id();
            s.existingStart = Times.iso(a.start(), zone());
            if (in.speech() != null && !s.existingStart.equals(told)) {
                ex = understanding.read(s, in, null, heard == null ? null : heard.reading()); // "same time" is this one's
            }
            s.intent = "RESCHEDULE";
            if (s.durationMinutes == null) {
                s.durationMinutes = a.durationMinutes();
            }
            Changes changed = apply(s, ex, in);
            ZonedDateTime appointmentStart = a.start().atZone(zone());
            String appointmentTime = appointmentStart.toLocalTime().toString();
            if (named != null && namesAppointment(named, a) && named.toString().equals(s.date)
                    && (s.time == null || s.time.equals(appointmentTime))) {
                s.forgetWhen(); // "move my appointment on the 16th": which one, not where to ("an hour later" is where)
            }
            if (answer.weeksOn() > 0) {
                s.acceptStart(appointmentStart.plusWeeks(answer.weeksOn()), zone());
            }
            if (s.start == null && s.date == null && s.rangeFrom == null && (s.time != null || s.dayPart != null)
                    && !appointmentStart.toLocalDate().isBefore(now().toLocalDate())) {
                s.date = appointmentStart.toLocalDate().toString(); // "push it to the afternoon, say 3": that same day
            }
            s.intent = "RESCHEDULE";
            if (changed.unresolved != null) {
                return reaskDay(book, s, changed.unresolved);
            }
            if (s.start != null || whenComplete(s) || s.rangeFrom != null || s.date != null) {
                return next(book, s, "");
            }
            s.step = Step.ASK_TIME;
            return Reply.ask("", "What day and time would you like to move it to?", Reply.Input.SPEECH, Reply.TIME_HINTS);
        }
        if (answer.another()) {
            resetFailures(s);
            s.intent = "BOOK";
            s.existingAppointmentId = null; // a second appointment: the first one stays and stays busy
            s.existingStart = null;
            Changes changed = apply(s, ex, in);
            s.intent = "BOOK";
            if (changed.unresolved != null) {
                return reaskDay(book, s, changed.unresolved);
            }
            return next(book, s, "");
        }
        if (ex.intent() == Intent.QUERY && !answer.keep()) {
            resetFailures(s);
            return Reply.ask(appointmentsSaid(book, a), "Would you like to keep it, move it or cancel it?", Reply.Input.SPEECH,
                    List.of("keep it", "move it", "cancel it", "book another"));
        }
        if (answer.keep()) {
            resetFailures(s);
            s.intent = null;
            s.existingAppointmentId = null;
            s.existingStart = null;
            s.step = Step.ASK_INTENT;
            return Reply.ask("Great, you're booked " + spoken(a.start()) + ".", "Is there anything else I can do for you?",
                    Reply.Input.SPEECH, List.of());
        }
        return failed(book, s, "Sorry, I didn't catch that.");
    }

    /** "Shall I use the number you're calling from, ending 1234?" after spoken numbers failed twice. */
    private Reply onConfirmCallerNumber(PracticeBook book, CallState s, TurnInput in, Heard heard) {
        Extraction ex = understand(s, in, heard, Expect.CONFIRM);
        if (ex.phone() != null) { // a number after all
            s.step = Step.ASK_PHONE;
            return onSlots(book, s, in, heard, false);
        }
        Confirmation answer = ex.confirmation() != null ? ex.confirmation() : keypadYesNo(in);
        if (answer == Confirmation.YES) {
            s.phone = CallerNumbers.ofCall(s);
            s.phoneSource = "caller-id";
            s.step = Step.ASK_PHONE;
            resetFailures(s);
            return next(book, s, "Thanks, I have your number ending in " + CallerNumbers.lastDigits(s.phone) + ".");
        }
        if (answer == Confirmation.NO) {
            s.step = Step.ASK_PHONE;
            s.keypad = true;
            return Reply.ask("All right.", "Please type your phone number on the keypad, area code first, then press the pound key.",
                    Reply.Input.SPEECH_OR_KEYPAD, List.of());
        }
        return failed(book, s, "Sorry, was that a yes or a no?");
    }

    private Reply readBack(CallState s, String preface) {
        ZonedDateTime start = ZonedDateTime.parse(s.start).withZoneSameInstant(zone());
        s.step = Step.CONFIRM;
        s.keypad = false;
        if ("RESCHEDULE".equals(s.intent)) {
            ZonedDateTime old = ZonedDateTime.parse(s.existingStart).withZoneSameInstant(zone());
            return Reply.ask(preface, "To confirm, I'll move your appointment from " + SpokenDates.readBack(old, now()) + " to "
                    + SpokenDates.readBack(start, now()) + ". Is that right?", Reply.Input.SPEECH, List.of("yes", "no"));
        }
        String length = s.durationMinutes != null ? ", for " + SpokenDates.duration(s.durationMinutes) : "";
        String service = s.service != null ? " for " + s.service : "";
        return Reply.ask(preface, "Let me read that back: " + s.name + service + ", " + SpokenDates.readBack(start, now()) + length
                + ", and we'll text the confirmation to the number ending in " + CallerNumbers.lastDigits(s.phone) + ". Is that correct?",
                Reply.Input.SPEECH, List.of("yes", "no"));
    }

    private Reply commit(PracticeBook book, CallState s) {
        ZonedDateTime start = ZonedDateTime.parse(s.start).withZoneSameInstant(zone());
        BookingOutcome outcome = "RESCHEDULE".equals(s.intent)
                ? book.move(s.existingAppointmentId, start, s.durationMinutes == null ? 0 : s.durationMinutes)
                : book.book(s.phone, s.name, start, TimeOffers.minutes(book, s), s.service, s.callSid, verified(s, s.phone));
        if (outcome instanceof BookingOutcome.Booked booked) {
            Appointment a = booked.appointment();
            s.appointmentId = a.id();
            s.customerId = a.customerId();
            s.step = Step.DONE;
            boolean moved = "RESCHEDULE".equals(s.intent);
            s.outcome = moved ? "rescheduled" : "booked";
            return Reply.hangUp((moved ? "Done, " + firstName(s) + ". Your appointment is now on "
                    : "You're all set, " + firstName(s) + ". You're booked for ")
                    + SpokenDates.readBack(start, now()) + ". We'll send you a text message confirmation. Thank you for calling, goodbye!");
        }
        // someone took the slot between the read-back and the yes: offer what is free now
        s.start = null;
        s.date = start.toLocalDate().toString();
        s.time = start.toLocalTime().toString();
        s.explicitAmPm = true;
        return offers.check(book, s, "");
    }

    /**
     * Reschedule, cancel and "when is my appointment" work on the caller's next appointment, and only for a number the
     * caller has proven: the caller ID, or a spoken number verified with a texted code. Nothing is looked up before.
     */
    private Reply startExistingFlow(PracticeBook book, CallState s, String preface) {
        String phone = s.phone != null ? s.phone : s.from;
        if (phone == null) {
            s.step = Step.ASK_PHONE;
            return Reply.ask(preface, "What is the phone number your appointment is under?", Reply.Input.SPEECH_OR_KEYPAD,
                    List.of());
        }
        if (!verified(s, phone)) {
            return verify(book, s, phone, preface);
        }
        Optional<Appointment> next = book.nextAppointment(phone);
        // "move my Tuesday appointment to Friday": the day that names it; a cancellation has no new time, so any day said
        String namedDay = s.appointmentDay != null ? s.appointmentDay : "CANCEL".equals(s.intent) ? s.date : null;
        String namedTo = s.appointmentDayTo;
        Integer place = s.appointmentPlace;
        boolean every = s.everyAppointment;
        s.appointmentDay = null;
        s.appointmentDayTo = null;
        s.appointmentPlace = null;
        s.everyAppointment = false;
        if (next.isPresent() && namedDay == null && place != null) {
            next = Optional.of(atNamedPosition(book, phone, place, next.get())); // "cancel the later one"
        }
        if (next.isPresent() && namedDay != null && namedTo != null) {
            DateRange period = new DateRange(LocalDate.parse(namedDay), LocalDate.parse(namedTo), Set.of(), "");
            next = Optional.of(inNamedPeriod(book, phone, period, next.get()));
        } else if (next.isPresent() && namedDay != null) {
            next = Optional.of(onNamedDay(book, phone, LocalDate.parse(namedDay), next.get(), zone()));
            if (namedDay.equals(s.date)) {
                s.forgetWhen(); // the day named the appointment; it is no wish for a new time
            }
        }
        if (next.isEmpty()) {
            s.intent = null;
            s.step = Step.ASK_INTENT;
            return Reply.ask(Reply.join(preface, "I can't find an upcoming appointment for this phone number."),
                    "Would you like to book a new one?", Reply.Input.SPEECH, List.of("yes", "no"));
        }
        Appointment a = next.get();
        s.existingAppointmentId = a.id();
        s.existingStart = Times.iso(a.start(), zone());
        if (s.name == null) {
            s.name = a.name();
        }
        String when = spoken(a.start());
        switch (s.intent) {
            case "QUERY" -> {
                s.intent = null;
                s.existingAppointmentId = null;
                s.step = Step.ASK_INTENT;
                return Reply.ask(Reply.join(preface, appointmentsSaid(book, a)), "Is there anything else I can do for you?",
                        Reply.Input.SPEECH, List.of());
            }
            case "CANCEL" -> {
                Reply all = every ? confirmCancelEvery(book, s, phone, preface) : null;
                if (all != null) {
                    return all;
                }
                s.cancelIds.clear();
                s.step = Step.CONFIRM_CANCEL;
                return Reply.ask(Reply.join(preface, "I see your appointment " + when + "."), "Shall I cancel it?",
                        Reply.Input.SPEECH, List.of("yes", "no"));
            }
            default -> {
                if (s.durationMinutes == null) {
                    s.durationMinutes = a.durationMinutes();
                }
                if (s.start != null || whenComplete(s) || s.rangeFrom != null) {
                    s.start = null;
                    return next(book, s, Reply.join(preface, "I see your appointment " + when + "."));
                }
                s.step = Step.ASK_TIME;
                return Reply.ask(Reply.join(preface, "I see your appointment " + when + "."),
                        "What day and time would you like to move it to?", Reply.Input.SPEECH, Reply.TIME_HINTS);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ verification

    /** The caller ID is the caller's own number; a spoken one only once its texted code was read back. */
    private static boolean verified(CallState s, String phone) {
        return phone != null && (phone.equals(s.from) || phone.equals(s.verifiedPhone));
    }

    /** Texts a code to a spoken number that is not the caller ID, or (no SMS, or no code allowed) refuses politely. */
    private Reply verify(PracticeBook book, CallState s, String phone, String preface) {
        if (verification != null && verification.available()) {
            CallerVerification.Sent sent = book.sendCode(s.callSid, phone);
            if (sent != CallerVerification.Sent.REFUSED) {
                s.step = Step.VERIFY_CODE;
                return Reply.ask(Reply.join(preface, "For your privacy, I've sent a text message with a " + verification.codeLength()
                                + "-digit code to the number ending in " + CallerNumbers.lastDigits(phone) + "."),
                        "Please say the code, or type it on the keypad and press the pound key.", Reply.Input.SPEECH_OR_KEYPAD,
                        List.of());
            }
            return refuse(s, Reply.join(preface, "I'm sorry, I can't send a code to that number right now."));
        }
        return refuse(s, Reply.join(preface, s.from == null
                ? "For your privacy, I can only look up or change appointments when I can see the number you're calling from."
                : "For your privacy, I can only look up or change appointments for the number you're calling from."));
    }

    private Reply onVerifyCode(PracticeBook book, CallState s, TurnInput in, Heard heard) {
        String code = CallerVerification.digitsIn(in.digits() != null && !in.digits().isBlank() ? in.digits() : in.speech());
        if (code.isEmpty()) {
            return failed(book, s, "Sorry, I didn't catch the code.");
        }
        return switch (book.checkCode(s.callSid, s.phone, code)) {
            case VERIFIED -> {
                s.verifiedPhone = s.phone;
                resetFailures(s);
                yield startExistingFlow(book, s, "Thank you, that's confirmed.");
            }
            case WRONG -> Reply.ask("That code doesn't match.", "Please say or type the " + verification.codeLength()
                    + "-digit code from the text message again.", Reply.Input.SPEECH_OR_KEYPAD, List.of());
            case LOCKED -> refuse(s, "I'm sorry, I couldn't confirm that number.");
        };
    }

    /** Offers a person (transfer number set) or a callback to the spoken number; nothing about it is read aloud. */
    private Reply refuse(CallState s, String why) {
        resetFailures(s);
        s.step = Step.OFFER_HELP;
        String offer = transferNumber != null
                ? "Would you like me to put you through to a member of our team?"
                : "Would you like our team to call you back at the number ending in " + CallerNumbers.lastDigits(s.phone) + "?";
        return Reply.ask(why, offer, Reply.Input.SPEECH, List.of("yes", "no"));
    }

    private Reply onOfferHelp(PracticeBook book, CallState s, TurnInput in, Heard heard) {
        Extraction ex = understand(s, in, heard, Expect.CONFIRM);
        Confirmation answer = ex.confirmation() != null ? ex.confirmation() : keypadYesNo(in);
        if (answer == Confirmation.YES) {
            s.step = Step.DONE;
            if (transferNumber != null) {
                s.outcome = "transferred";
                return Reply.transfer("Of course. Let me put you through to a member of our team.", transferNumber);
            }
            s.outcome = "callback";
            book.requestCallback(s.callSid, s.phone, "the caller asked about the appointments of a number they could "
                    + "not verify");
            return Reply.hangUp("All right. Our team will call you back at the number ending in " + CallerNumbers.lastDigits(s.phone)
                    + ". Thank you for calling, goodbye!");
        }
        if (answer == Confirmation.NO) {
            resetFailures(s);
            s.intent = null;
            s.phone = s.from; // the unproven number is dropped
            s.phoneSource = s.from == null ? null : "caller-id";
            s.step = Step.ASK_INTENT;
            return Reply.ask("All right.", "Is there anything else I can do for you?", Reply.Input.SPEECH, List.of());
        }
        return failed(book, s, "Sorry, was that a yes or a no?");
    }

    /** The current question again, after a recording could not be transcribed (not the caller's failure). */
    public Reply askAgain(CallState s) {
        return Reply.ask("Sorry, I didn't catch that.", s.lastAsk == null ? "Could you say that again?" : s.lastAsk,
                Reply.Input.SPEECH, List.of());
    }

    // ------------------------------------------------------------------------------------------------ failures

    /** Counts a failed turn on this step: re-prompt with a hint, then the keypad, then a person or a callback. */
    private Reply failed(PracticeBook book, CallState s, String sorry) {
        String key = s.step.name();
        int n = s.failures.merge(key, 1, Integer::sum);
        if (n >= ESCALATE_AFTER) {
            return escalate(book, s, sorry);
        }
        boolean keypad = n >= KEYPAD_AFTER;
        s.keypad = keypad;
        return switch (s.step) {
            case ASK_NAME -> Reply.ask(sorry, n >= KEYPAD_AFTER
                    ? "Please spell your first and last name, letter by letter, for example J O H N, S M I T H."
                    : "Please tell me your first and last name, for example: my name is Jane Smith.", Reply.Input.SPEECH, List.of());
            case ASK_PHONE -> Reply.ask(sorry, keypad
                    ? "Please type your phone number on the keypad, area code first, then press the pound key."
                    : "Please say your phone number with the area code, for example 4 1 6, 5 5 5, 1 2 3 4.",
                    Reply.Input.SPEECH_OR_KEYPAD, List.of());
            case CONFIRM, CONFIRM_CANCEL -> Reply.ask(sorry, keypad ? "Press 1 for yes, or 2 for no." : "Please say yes or no.",
                    keypad ? Reply.Input.SPEECH_OR_KEYPAD : Reply.Input.SPEECH, List.of("yes", "no"));
            case ASK_TIME, CHOOSE_ALTERNATIVE -> Reply.ask(sorry, keypad
                    ? "You can also type the date on the keypad as four digits, month then day: for example 1 0 1 5 for October 15th."
                    : "Please tell me a day and a time, for example: Tuesday at 10 AM.",
                    keypad ? Reply.Input.SPEECH_OR_KEYPAD : Reply.Input.SPEECH, Reply.TIME_HINTS);
            case ASK_SERVICE -> Reply.ask(sorry, keypad ? "Please say " + spokenList(s.serviceChoices) + ", or press "
                    + keypadChoices(s.serviceChoices) + "." : "Which would you like: " + spokenList(s.serviceChoices) + "?",
                    keypad ? Reply.Input.SPEECH_OR_KEYPAD : Reply.Input.SPEECH, s.serviceChoices);
            case ASK_INTENT -> Reply.ask(sorry, "You can say book, reschedule, cancel, or when is my appointment.",
                    Reply.Input.SPEECH, List.of("book", "reschedule", "cancel", "when is my appointment"));
            case VERIFY_CODE -> Reply.ask(sorry, "Please say the " + (verification == null ? "" : verification.codeLength() + "-digit ")
                    + "code from the text message, or type it on the keypad and press the pound key.",
                    Reply.Input.SPEECH_OR_KEYPAD, List.of());
            case KEEP_MOVE_CANCEL -> Reply.ask(sorry, keypad
                    ? "Press 1 to keep your appointment, 2 to move it, or 3 to cancel it."
                    : "Would you like to keep your appointment, move it or cancel it?",
                    keypad ? Reply.Input.SPEECH_OR_KEYPAD : Reply.Input.SPEECH, List.of("keep it", "move it", "cancel it"));
            case CONFIRM_CALLER_NUMBER -> Reply.ask(sorry, keypad ? "Press 1 for yes, or 2 for no."
                    : "Shall I use the number you're calling from? Please say yes or no.",
                    keypad ? Reply.Input.SPEECH_OR_KEYPAD : Reply.Input.SPEECH, List.of("yes", "no"));
            case OFFER_HELP -> Reply.ask(sorry, keypad ? "Press 1 for yes, or 2 for no." : "Please say yes or no.",
                    keypad ? Reply.Input.SPEECH_OR_KEYPAD : Reply.Input.SPEECH, List.of("yes", "no"));
            default -> Reply.ask(sorry, "What should I change: the name, the day or the time?", Reply.Input.SPEECH, List.of());
        };
    }

    /** Hand the caller to a person when a transfer number is set, otherwise take a callback request and end. */
    private Reply escalate(PracticeBook book, CallState s, String sorry) {
        s.step = Step.DONE;
        if (transferNumber != null) {
            s.outcome = "transferred";
            return Reply.transfer(Reply.join(sorry, "Let me put you through to a member of our team."), transferNumber);
        }
        s.outcome = "callback";
        String phone = s.phone != null ? s.phone : s.from;
        book.requestCallback(s.callSid, phone, "dialogue could not complete on step " + s.step);
        if (phone == null) {
            return Reply.hangUp(Reply.join(sorry, "I'm sorry I couldn't help over the phone today. Please call us again, "
                    + "and a member of our team will be happy to help. Goodbye."));
        }
        return Reply.hangUp(Reply.join(sorry, "I'm sorry I couldn't help over the phone. I've asked our team to call you back at the "
                + "number ending in " + CallerNumbers.lastDigits(phone) + ". Goodbye."));
    }

    // ------------------------------------------------------------------------------------------------ understanding

    private static Expect expectFor(Step step) {
        return switch (step) {
            case ASK_NAME -> Expect.NAME;
            case ASK_PHONE -> Expect.PHONE;
            case ASK_TIME, CHOOSE_ALTERNATIVE -> Expect.TIME;
            case CONFIRM, CONFIRM_CANCEL, OFFER_HELP, CONFIRM_CALLER_NUMBER -> Expect.CONFIRM;
            default -> null;
        };
    }

    /**
     * The caller's words read for {@code expect}: what was worked out before the lock when it was for this Expect (the
     * handler of the step the turn started on); otherwise, when a handler passes the turn to another step's reading
     * (e.g. a number said at "shall I use the number you're calling from?"), the rules plus the model's reading
     * already in hand — never a new model call inside the transaction.
     */
    private Extraction understand(CallState s, TurnInput in, Heard heard, Expect expect) {
        if (heard != null && heard.covers(s, in, expect)) {
            return heard.extraction();
        }
        return understanding.read(s, in, expect, heard == null ? null : heard.reading());
    }

    private Confirmation keypadYesNo(TurnInput in) {
        if (in.digits() == null) {
            return null;
        }
        return switch (in.digits().strip()) {
            case "1" -> Confirmation.YES;
            case "2" -> Confirmation.NO;
            default -> null;
        };
    }

    /** Which slots this turn changed; {@code unresolved} holds the words of a day that cannot be used ("yesterday"). */
    private record Changes(boolean intent, boolean name, boolean phone, boolean when, boolean duration, String unresolved) {
        boolean any() {
            return intent || name || phone || when || duration || unresolved != null;
        }

        boolean slotChanged() {
            return name || phone || when || duration || unresolved != null;
        }
    }

    private Changes apply(CallState s, Extraction ex, TurnInput in) {
        boolean intent = false;
        if (ex.intent() != null && !ex.intent().name().equals(s.intent)) {
            Intent i = ex.intent();
            // a bare "appointment" mid-booking is not a new intent; reschedule/cancel/query always are
            if (i != Intent.BOOK || s.intent == null) {
                s.intent = i.name();
                intent = true;
            }
        }
        boolean name = false;
        if (ex.name() != null && ex.name().length() <= MAX_NAME_CHARS && !ex.name().equals(s.name)) {
            if (s.returning) {
                // someone else on a known customer's phone: their own name, and no assumed usual duration
                s.returning = false;
                if (s.durationFromProfile) {
                    s.durationMinutes = null;
                    s.durationFromProfile = false;
                }
            }
            s.name = NameParser.corrected(s.name, ex.name(), in.text());
            name = true;
        }
        boolean phone = false;
        if (ex.phone() != null && !ex.phone().equals(s.phone)) {
            s.phone = ex.phone();
            s.phoneSource = "spoken";
            phone = true;
        } else if (ex.phone() != null) {
            s.phoneSource = "spoken"; // said the number we already had: nothing changes, but it is an answer
            phone = true;
        }
        boolean when = false;
        String unresolved = null;
        WhenPhrase w = ex.when();
        if (w != null && w.isUnresolved()) {
            // a past, impossible or unknown day: nothing said about when is kept, so nothing can fall back to today
            unresolved = w.unresolved();
            s.forgetWhen();
            s.offered.clear();
        } else if (w != null && !w.isEmpty()) {
            WhenPhrase merged = s.whenSaid().mergedWith(w);
            if (merged.hasRange() && w.hasTime()) {
                merged = merged.withTime(w.time(), w.explicitAmPm()); // "next week at 2": a time inside the range
            }
            if (!merged.equals(s.whenSaid()) || s.start == null) {
                s.putWhen(merged);
                s.start = null;
                when = true;
            }
        }
        boolean duration = false;
        if (ex.durationMinutes() != null && !ex.durationMinutes().equals(s.durationMinutes)) {
            s.durationMinutes = ex.durationMinutes();
            s.durationFromProfile = false;
            duration = true;
            if (s.start != null) {
                // a longer appointment may no longer fit: check the same start again
                ZonedDateTime start = ZonedDateTime.parse(s.start);
                s.start = null;
                s.putWhen(new WhenPhrase(start.toLocalDate(), start.toLocalTime(), null, true));
            }
        }
        if (intent && s.intent != null && "BOOK".equals(s.intent) && s.step == Step.ASK_INTENT) {
            intent = true;
        }
        return new Changes(intent, name, phone, when, duration, unresolved);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** The earliest opening time of the week, for inferring am/pm. */
    public static LocalTime opens(app.bella.booking.OpeningHours hours) {
        return HoursSpoken.opens(hours);
    }

    /** The latest closing time of the week, for inferring am/pm. */
    public static LocalTime closes(app.bella.booking.OpeningHours hours) {
        return HoursSpoken.closes(hours);
    }

    /** The context for this call: a national number is read in the caller ID's country first. */
    private ParseContext context(CallState s) {
        return understanding.context(s);
    }

    private ZonedDateTime now() {
        return ZonedDateTime.now(bookings.clock()).withZoneSameInstant(zone());
    }

    private java.time.ZoneId zone() {
        return bookings.schedule().zone();
    }

    private boolean whenComplete(CallState s) {
        return s.time != null; // a time alone means its next occurrence; a date alone needs a time
    }

    private String acknowledge(CallState s, Changes c) {
        if (c.name && s.name != null) {
            return "Thank you, " + s.name + ".";
        }
        if (c.phone) {
            return "Thanks, I have your number ending in " + CallerNumbers.lastDigits(s.phone) + ".";
        }
        return "";
    }

    private String notUnderstood(Step step) {
        return switch (step) {
            case ASK_NAME -> "Sorry, I didn't catch your name.";
            case ASK_PHONE -> "Sorry, I didn't get a full phone number.";
            case ASK_TIME -> "Sorry, I didn't catch a day and time.";
            case ASK_SERVICE -> "Sorry, I didn't catch which service.";
            default -> "Sorry, I didn't catch that.";
        };
    }

    private void resetFailures(CallState s) {
        s.failures.remove(s.step.name());
        s.keypad = false;
    }

    /** "on Friday, October 10th at 3 PM"; "tomorrow, Thursday, …" and "today, …" without the "on". */
    private String spoken(java.time.Instant t) {
        String said = SpokenDates.readBack(t.atZone(zone()), now());
        return said.startsWith("today") || said.startsWith("tomorrow") ? said : "on " + said;
    }

    /** Keeps the day a move or a cancellation names its appointment by, for when the appointment is looked up. */
    private void rememberAppointmentDay(CallState s, TurnInput in) {
        if (("CANCEL".equals(s.intent) || "RESCHEDULE".equals(s.intent)) && in.text() != null) {
            LocalDate day = references.day(in.text(), context(s));
            DateRange period = day == null ? references.period(in.text(), context(s)) : null;
            s.everyAppointment |= "CANCEL".equals(s.intent) && references.every(in.text());
            if (day == null && s.appointmentPlace == null) {
                s.appointmentPlace = references.position(in.text()); // "cancel the later one"
            }
            if (day != null) {
                s.appointmentDay = day.toString();
            } else if (period != null && period.latest() != null) {
                s.appointmentDay = period.earliest().toString(); // "cancel the one next week"
                s.appointmentDayTo = period.latest().toString();
            }
        }
    }

    /** The caller's first appointment within the period they named it by ("the one next week"); else {@code fallback}. */
    private Appointment inNamedPeriod(PracticeBook book, String phone, DateRange period, Appointment fallback) {
        if (period == null || phone == null) {
            return fallback;
        }
        return book.upcomingAppointments(phone, 10).stream()
                .filter(x -> period.contains(x.start().atZone(zone()).toLocalDate()))
                .findFirst().orElse(fallback);
    }

    /** The caller's appointment at the place they named ("the later one", "the second one"); else {@code fallback}. */
    private Appointment atNamedPosition(PracticeBook book, String phone, Integer position, Appointment fallback) {
        if (position == null || phone == null) {
            return fallback;
        }
        List<Appointment> upcoming = book.upcomingAppointments(phone, 10);
        int at = position < 0 ? upcoming.size() - 1 : position;
        return at >= 0 && at < upcoming.size() ? upcoming.get(at) : fallback;
    }

    /** The caller's appointment on the day they named, when they have one then; else {@code fallback}. */
    private Appointment onNamedDay(PracticeBook book, String phone, LocalDate day, Appointment fallback, ZoneId zone) {
        if (day == null || phone == null || fallback.start().atZone(zone).toLocalDate().equals(day)) {
            return fallback;
        }
        Optional<Appointment> on = book.appointmentOn(phone, day);
        for (int weeks = 1; on.isEmpty() && weeks <= 2 && isWeekdayAhead(day); weeks++) {
            // "cancel the one on Friday", none this Friday: a later Friday's ("my Wednesday one" said on a Wednesday)
            on = book.appointmentOn(phone, day.plusWeeks(weeks));
        }
        return on.orElse(fallback);
    }

    /** A day within the coming week: how a weekday said alone resolves, so a later one of that weekday may be meant. */
    private boolean isWeekdayAhead(LocalDate day) {
        LocalDate today = now().toLocalDate();
        return !day.isBefore(today) && day.isBefore(today.plusWeeks(1));
    }

    /** Whether {@code day} names {@code a}: it is on that day, or (a weekday said alone) on that weekday after it. */
    private boolean namesAppointment(LocalDate day, Appointment a) {
        LocalDate on = a.start().atZone(zone()).toLocalDate();
        return on.equals(day) || isWeekdayAhead(day) && on.getDayOfWeek() == day.getDayOfWeek()
                && on.isAfter(day) && !on.isAfter(day.plusWeeks(2));
    }

    private static String firstName(CallState s) {
        if (s.name == null) {
            return "";
        }
        int space = s.name.indexOf(' ');
        return space < 0 ? s.name : s.name.substring(0, space);
    }

}
