package app.bella.voice;

import app.bella.nlu.DateRange;
import app.bella.nlu.DayPart;
import app.bella.nlu.WhenPhrase;
import app.bella.support.Times;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the dialogue knows about one call, stored as JSON in {@code call_session.state} after every turn,
 * so any instance can serve the next turn and a restart loses nothing. Public fields keep the JSON mapping plain.
 */
public final class CallState {

    public String callSid;
    public String from;
    /** The digits of a caller ID that is present but not a valid number (null otherwise): a caller who says it is
     *  not asked again and again. */
    public String fromDigits;
    public Step step = Step.ASK_NAME;
    public int turn;
    /** BOOK, RESCHEDULE, CANCEL or QUERY; null until the caller says or implies it. */
    public String intent;
    public String name;
    public String phone;
    /** "caller-id" or "spoken": a spoken number overrides the caller ID. */
    public String phoneSource;
    /** A spoken number the caller proved is theirs with a texted code (the caller ID counts as proven by itself). */
    public String verifiedPhone;
    /** What the caller said when asked for their number, when it held only part of one ("my number's 403, 555"). */
    public String phoneHeard;
    /** What the caller said about when, merged over turns (ISO date / time), before validation. */
    public String date;
    public String time;
    public String dayPart;
    public boolean explicitAmPm;
    /** A range of days the caller allowed ("next week", "Tuesday or Wednesday"): first and last ISO date (last null =
     *  open), allowed weekdays (empty = any), and the words heard. Offers and bookings stay inside it. */
    public String rangeFrom;
    public String rangeTo;
    public List<String> rangeWeekdays = new ArrayList<>();
    public String rangeHeard;
    /** A start that passed the availability check (ISO-8601 with offset); null until then. */
    public String start;
    public Integer durationMinutes;
    /** The duration came from the returning customer's profile, not from this call. */
    public boolean durationFromProfile;
    public String service;
    /** The services to choose from when the practice has several (empty: nothing to ask). */
    public List<String> serviceChoices = new ArrayList<>();
    public Long customerId;
    public boolean returning;
    /** The appointment being rescheduled, cancelled or asked about. */
    public Long existingAppointmentId;
    public String existingStart;
    /** The day the caller named the appointment to move or cancel by ("my appointment on the 16th"), ISO date. */
    public String appointmentDay;
    /** When the appointment was named by a period ("the one next week"): its last day, ISO; null for one day. */
    public String appointmentDayTo;
    /** Which of the caller's appointments they named by its place ("the later one"): 0 the first, -1 the last. */
    public Integer appointmentPlace;
    /** The caller asked to cancel every appointment they hold ("cancel both"). */
    public boolean everyAppointment;
    /** The appointments read out to be cancelled together, awaiting the caller's yes (empty: just the one). */
    public List<Long> cancelIds = new ArrayList<>();
    /** Alternatives offered in the last prompt (ISO starts), for "yes", "the second one" or a time among them. */
    public List<String> offered = new ArrayList<>();
    /** The offer read back everything (name, day, time), so a plain "yes" books the first offered time. */
    public boolean offerIsReadBack;
    public Map<String, Integer> failures = new HashMap<>();
    public Long appointmentId;
    /** Speech engine for this call: "whisper" (recordings) or "twilio" (Gather speech); whisper falls back for good. */
    public String stt = "twilio";
    public boolean sttFellBack;
    /** The last question asked, to ask it again after a lost recording. */
    public String lastAsk;
    public String outcome;
    public boolean keypad;
    /** The caller-ID number was offered back after spoken numbers failed (offered once per call). */
    public boolean callerIdOffered;
    /** The caller asked for a person once and heard what Bella can do; asked again, they are handed over. */
    public boolean personAsked;

    public int failuresOn(Step s) {
        return failures.getOrDefault(s.name(), 0);
    }

    /** What the caller said about when, merged over the turns so far (no start yet checked against the calendar). */
    public WhenPhrase whenSaid() {
        return new WhenPhrase(date == null ? null : LocalDate.parse(date), time == null ? null : LocalTime.parse(time),
                dayPart == null ? null : DayPart.valueOf(dayPart), explicitAmPm, allowedRange(), null);
    }

    /** Replaces what is known about when by {@code w} (a start checked before is not touched). */
    public void putWhen(WhenPhrase w) {
        date = w.date() == null ? null : w.date().toString();
        time = w.time() == null ? null : w.time().toString();
        dayPart = w.dayPart() == null ? null : w.dayPart().name();
        explicitAmPm = w.explicitAmPm();
        putRange(w.range());
    }

    public void putRange(DateRange r) {
        rangeFrom = r == null ? null : r.earliest().toString();
        rangeTo = r == null || r.latest() == null ? null : r.latest().toString();
        rangeWeekdays = r == null ? new ArrayList<>()
                : r.weekdays().stream().sorted().map(DayOfWeek::name).collect(Collectors.toCollection(ArrayList::new));
        rangeHeard = r == null ? null : r.heard();
    }

    /** The range of days the caller allowed, or null. */
    public DateRange allowedRange() {
        if (rangeFrom == null) {
            return null;
        }
        Set<DayOfWeek> days = rangeWeekdays == null ? Set.of()
                : rangeWeekdays.stream().map(DayOfWeek::valueOf).collect(Collectors.toSet());
        return new DateRange(LocalDate.parse(rangeFrom), rangeTo == null ? null : LocalDate.parse(rangeTo), days, rangeHeard);
    }

    /** Forgets the day, time, range and checked start: the caller is asked for when again. */
    public void forgetWhen() {
        date = null;
        time = null;
        dayPart = null;
        explicitAmPm = false;
        start = null;
        putRange(null);
    }

    /** A start that passed the availability check, or one the caller picked among those offered: the when, settled. */
    public void acceptStart(ZonedDateTime at, ZoneId zone) {
        ZonedDateTime local = at.withZoneSameInstant(zone);
        start = Times.iso(local);
        date = local.toLocalDate().toString();
        time = local.toLocalTime().toString();
        explicitAmPm = true;
        dayPart = null;
        putRange(null);
    }
}
