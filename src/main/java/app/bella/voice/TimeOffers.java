package app.bella.voice;

import app.bella.booking.BookingService;
import app.bella.booking.Slot;
import app.bella.booking.SlotCheck;
import app.bella.nlu.Confirmation;
import app.bella.nlu.DateRange;
import app.bella.nlu.DateTimeResolver;
import app.bella.nlu.DayPart;
import app.bella.nlu.Extraction;
import app.bella.nlu.ParseContext;
import app.bella.nlu.WhenPhrase;
import app.bella.support.Times;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Free times as a receptionist offers them: a wish checked against the calendar (the nearest free times when it is
 * taken or closed), the first free times on a day or inside a range of days the caller named, the offer said again,
 * and which offered time the caller chose. Reads and changes the call's state; the dialogue decides when to offer.
 */
final class TimeOffers {

    /** "the second one", "first option", "the earliest": a choice among offered times, not a date ("the 2nd"). */
    private static final Pattern ORDINAL_CHOICE = Pattern.compile(
            "\\b(first|second|third|last|1st|2nd|3rd)\\s+(one|option|time|slot|choice)\\b"
                    + "|^\\W*(the\\s+)?(first|second|third|last|earliest|latest|earlier|later)(\\s+one)?(\\s+please)?\\W*$",
            Pattern.CASE_INSENSITIVE);
    /** How far an open range ("after the 20th") is searched for free times, and the most days any range is searched. */
    private static final int OPEN_RANGE_DAYS = 31;
    private static final int MAX_RANGE_DAYS = 92;

    private final BookingService bookings;
    private final TurnUnderstanding understanding;
    private final DateTimeResolver resolver = new DateTimeResolver();

    /**
     * @param bookings      the practice's clock, zone and hours (what is free comes through the turn's PracticeBook)
     * @param understanding the call's parse context (a time said without am/pm is read in the practice's hours)
     */
    TimeOffers(BookingService bookings, TurnUnderstanding understanding) {
        this.bookings = bookings;
        this.understanding = understanding;
    }

    /**
     * Checks a complete wish against the calendar: null when it is bookable (the start is accepted), else the nearest
     * free times are offered.
     */
    Reply check(PracticeBook book, CallState s, String preface) {
        ZonedDateTime wish = resolver.resolveNext(s.whenSaid(), understanding.context(s));
        if (wish == null) {
            s.forgetWhen();
            s.step = Step.ASK_TIME;
            return Reply.ask(Reply.join(preface, "That time has already passed."), "What day and time would you like?",
                    Reply.Input.SPEECH, Reply.TIME_HINTS);
        }
        int minutes = minutes(book, s);
        SlotCheck check = book.check(wish, minutes, s.existingAppointmentId);
        if (check.isOk()) {
            s.acceptStart(wish, zone());
            return null;
        }
        List<Slot> alternatives = alternativesAround(book, wish, minutes);
        if (check.status() == SlotCheck.Status.TAKEN || check.status() == SlotCheck.Status.OUTSIDE_HOURS) {
            s.time = null; // the day still stands: "then 3:30" (or "3:30 that day") means 3:30 on it
            s.explicitAmPm = false;
        } else {
            s.forgetWhen();
        }
        s.offered.clear();
        alternatives.forEach(slot -> s.offered.add(Times.iso(slot.start())));
        String why = switch (check.status()) {
            case TAKEN -> "I'm sorry, " + SpokenDates.time(wish) + " on " + SpokenDates.day(wish) + " is already taken.";
            case OUTSIDE_HOURS, CLOSED_DAY -> "I'm sorry, we're not open then: our hours are " + HoursSpoken.describe(bookings.schedule().hours()) + ".";
            case IN_PAST -> "That time has already passed.";
            case TOO_SOON -> "That's a little too soon for us to get ready for you.";
            case BEYOND_HORIZON -> "I'm afraid we can't book that far ahead yet.";
            default -> "I can't book that time.";
        };
        if (alternatives.isEmpty()) {
            s.step = Step.ASK_TIME;
            return Reply.ask(Reply.join(preface, why), "What other day and time would suit you?", Reply.Input.SPEECH, Reply.TIME_HINTS);
        }
        s.step = Step.CHOOSE_ALTERNATIVE;
        ZonedDateTime first = alternatives.get(0).start();
        String options = listTimes(alternatives, wish);
        String question = offerOf(s, first);
        return Reply.ask(Reply.join(preface, why + " The nearest free times are " + options + "."), question,
                Reply.Input.SPEECH, Reply.TIME_HINTS);
    }

    /** A day (and maybe a part of it) without a time: the first free times then, as a receptionist would offer. */
    Reply onDay(PracticeBook book, CallState s, String preface) {
        LocalDate day = LocalDate.parse(s.date);
        int minutes = minutes(book, s);
        LocalTime from = LocalTime.MIN;
        LocalTime to = LocalTime.MAX;
        if (s.dayPart != null) {
            switch (DayPart.valueOf(s.dayPart)) {
                case MORNING -> to = LocalTime.NOON;
                case AFTERNOON -> {
                    from = LocalTime.NOON;
                    to = LocalTime.of(17, 0);
                }
                default -> from = LocalTime.of(17, 0);
            }
        }
        List<Slot> slots = new ArrayList<>();
        for (Slot slot : book.free(day, day, minutes)) {
            LocalTime t = slot.start().withZoneSameInstant(zone()).toLocalTime();
            if (!t.isBefore(from) && t.isBefore(to) && slots.size() < 3) {
                slots.add(slot);
            }
        }
        ZonedDateTime noon = day.atTime(12, 0).atZone(zone());
        String when = dayWithPart(noon, s.dayPart);
        s.offered.clear();
        if (slots.isEmpty()) {
            List<Slot> nearest = book.alternatives(day.atTime(from.equals(LocalTime.MIN) ? LocalTime.of(9, 0) : from)
                    .atZone(zone()), minutes, 3);
            s.forgetWhen();
            if (nearest.isEmpty()) {
                s.step = Step.ASK_TIME;
                return Reply.ask(Reply.join(preface, "I'm sorry, I have nothing free on " + when + "."),
                        "What other day would suit you?", Reply.Input.SPEECH, Reply.TIME_HINTS);
            }
            nearest.forEach(slot -> s.offered.add(Times.iso(slot.start())));
            s.offerIsReadBack = false;
            s.step = Step.CHOOSE_ALTERNATIVE;
            return Reply.ask(Reply.join(preface, "I'm sorry, I have nothing free on " + when
                    + ". The nearest free times are " + listTimes(nearest, noon) + "."), "Which would you like?",
                    Reply.Input.SPEECH, Reply.TIME_HINTS);
        }
        slots.forEach(slot -> s.offered.add(Times.iso(slot.start())));
        s.step = Step.CHOOSE_ALTERNATIVE;
        ZonedDateTime first = slots.get(0).start();
        s.offerIsReadBack = allButTheTimeKnown(s);
        String question = s.offerIsReadBack
                ? "Shall I book " + who(s) + " for " + SpokenDates.readBack(first, now()) + ", or would another time suit you better?"
                : "Which time would you like?";
        return Reply.ask(Reply.join(preface, "On " + when + " I have " + listTimes(slots, noon) + " free."), question,
                Reply.Input.SPEECH, Reply.TIME_HINTS);
    }

    /**
     * A range of days ("next week", "Tuesday or Wednesday next week", "after the 20th"): with a time, the first day
     * inside it when that time is free; otherwise (or when it is nowhere free) the first free times inside it. Nothing
     * outside the range is offered. Null when the time said is free on a day inside it (the start is accepted).
     */
    Reply inRange(PracticeBook book, CallState s, String preface) {
        DateRange range = s.allowedRange();
        int minutes = minutes(book, s);
        LocalDate today = now().toLocalDate();
        LocalDate from = range.earliest().isBefore(today) ? today : range.earliest();
        LocalDate to = range.latest() != null ? range.latest() : from.plusDays(OPEN_RANGE_DAYS);
        if (to.isAfter(from.plusDays(MAX_RANGE_DAYS))) {
            to = from.plusDays(MAX_RANGE_DAYS);
        }
        String heard = range.heard() == null || range.heard().isBlank() ? "then" : range.heard();
        if (s.time != null) {
            ParseContext ctx = understanding.context(s);
            LocalTime time = LocalTime.parse(s.time);
            DayPart part = s.dayPart == null ? null : DayPart.valueOf(s.dayPart);
            ZonedDateTime example = null;
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                if (!range.contains(d)) {
                    continue;
                }
                ZonedDateTime wish = resolver.resolve(new WhenPhrase(d, time, part, s.explicitAmPm), ctx);
                if (wish == null) {
                    continue;
                }
                example = example == null ? wish : example;
                if (book.check(wish, minutes, s.existingAppointmentId).isOk()) {
                    s.acceptStart(wish, zone());
                    return null; // free then: the dialogue goes on with the start accepted
                }
            }
            preface = Reply.join(preface, "I'm sorry, I have nothing free at "
                    + (example == null ? SpokenDates.time(today.atTime(time).atZone(zone())) : SpokenDates.time(example))
                    + " " + heard + ".");
            s.time = null;
            s.explicitAmPm = false;
        }
        List<Slot> inside = new ArrayList<>();
        if (!to.isBefore(from)) {
            for (Slot slot : book.free(from, to, minutes)) {
                ZonedDateTime t = slot.start().withZoneSameInstant(zone());
                if (range.contains(t.toLocalDate()) && inDayPart(t.toLocalTime(), s.dayPart)) {
                    inside.add(slot);
                }
            }
        }
        inside.sort(Comparator.comparing(Slot::start));
        s.offered.clear();
        if (inside.isEmpty()) {
            s.forgetWhen();
            s.step = Step.ASK_TIME;
            return Reply.ask(Reply.join(preface, "I'm sorry, I have nothing free " + heard + "."), "What other day would suit you?",
                    Reply.Input.SPEECH, Reply.TIME_HINTS);
        }
        List<Slot> offer = inside.subList(0, Math.min(3, inside.size()));
        offer.forEach(slot -> s.offered.add(Times.iso(slot.start())));
        s.step = Step.CHOOSE_ALTERNATIVE;
        ZonedDateTime first = offer.get(0).start().withZoneSameInstant(zone());
        boolean oneDay = offer.stream().allMatch(x -> x.start().withZoneSameInstant(zone()).toLocalDate()
                .equals(first.toLocalDate()));
        String times = oneDay ? "on " + SpokenDates.day(first) + " at " + listTimes(offer, first)
                : listTimes(offer, first.plusYears(1));
        s.offerIsReadBack = allButTheTimeKnown(s);
        String question = s.offerIsReadBack
                ? "Shall I book " + who(s) + " for " + SpokenDates.readBack(first, now()) + ", or would another time suit you better?"
                : "Which time would you like?";
        return Reply.ask(Reply.join(preface, "The first free times " + heard + " are " + times + "."), question,
                Reply.Input.SPEECH, Reply.TIME_HINTS);
    }

    /** The first offered time again, as a read-back question when everything else is now known. */
    Reply again(CallState s, String preface) {
        ZonedDateTime first = ZonedDateTime.parse(s.offered.get(0)).withZoneSameInstant(zone());
        s.step = Step.CHOOSE_ALTERNATIVE;
        String question = offerOf(s, first);
        return Reply.ask(preface, question, Reply.Input.SPEECH, Reply.TIME_HINTS);
    }

    /** The offered time the caller chose ("the second one", "2:30", "yes"), or null when they chose none. */
    ZonedDateTime picked(CallState s, Extraction ex, String text) {
        if (s.offered.isEmpty()) {
            return null;
        }
        List<ZonedDateTime> offered = new ArrayList<>();
        for (String o : s.offered) {
            offered.add(ZonedDateTime.parse(o).withZoneSameInstant(zone()));
        }
        var m = ORDINAL_CHOICE.matcher(text);
        if (m.find()) {
            String word = (m.group(1) != null ? m.group(1) : m.group(4)).toLowerCase(Locale.ROOT);
            int index = switch (word) {
                case "second", "2nd" -> 1;
                case "third", "3rd" -> 2;
                case "last", "later", "latest" -> offered.size() - 1;
                default -> 0;
            };
            return offered.get(Math.min(index, offered.size() - 1));
        }
        WhenPhrase w = ex.when();
        if (w != null && w.isUnresolved()) {
            return null; // "yesterday at 3" names no offered time, even when 3 PM was offered
        }
        if (w != null && w.hasTime()) {
            for (ZonedDateTime o : offered) {
                boolean sameDay = w.hasDate() ? w.date().equals(o.toLocalDate())
                        : !w.hasRange() || w.range().contains(o.toLocalDate());
                if (sameDay && w.time().equals(o.toLocalTime())) {
                    return o;
                }
            }
            if (!w.explicitAmPm()) { // "two thirty" when 14:30 was offered
                for (ZonedDateTime o : offered) {
                    boolean sameDay = w.hasDate() ? w.date().equals(o.toLocalDate())
                            : !w.hasRange() || w.range().contains(o.toLocalDate());
                    if (sameDay && w.time().plusHours(12).equals(o.toLocalTime())) {
                        return o;
                    }
                }
            }
            return null;
        }
        if (ex.confirmation() == Confirmation.YES && (w == null || w.isEmpty()) && ex.name() == null && ex.phone() == null) {
            return offered.get(0); // not "oh, yes, my name is Agnes Thornbury": that "yes" answers nothing offered
        }
        return null;
    }

    /**
     * The nearest free times, but never only earlier ones: asked for Saturday, a caller hears Friday afternoon and
     * Monday morning, not three Friday slots.
     */
    private List<Slot> alternativesAround(PracticeBook book, ZonedDateTime wish, int minutes) {
        List<Slot> nearest = new ArrayList<>(book.alternatives(wish, minutes, 3));
        if (nearest.isEmpty() || nearest.stream().anyMatch(x -> !x.start().isBefore(wish))) {
            return nearest;
        }
        LocalDate day = wish.withZoneSameInstant(zone()).toLocalDate();
        Optional<Slot> firstAfter = book.free(day, day.plusDays(14), minutes).stream()
                .filter(x -> x.start().isAfter(wish)).min(Comparator.comparing(Slot::start));
        if (firstAfter.isPresent()) {
            nearest.set(nearest.size() - 1, firstAfter.get());
        }
        return nearest;
    }

    /** The appointment's length: said or known from the caller, else the service's. */
    static int minutes(PracticeBook book, CallState s) {
        if (s.durationMinutes != null) {
            return s.durationMinutes;
        }
        return book.service(s.service).durationMinutes();
    }

    /** The question offering {@code first}: the whole booking when all else is known ("Shall I book …?"). */
    private String offerOf(CallState s, ZonedDateTime first) {
        s.offerIsReadBack = allButTheTimeKnown(s);
        return s.offerIsReadBack ? "Shall I book " + who(s) + " for " + SpokenDates.readBack(first, now()) + "?"
                : "Would " + SpokenDates.readBack(first, now()) + " work for you?";
    }

    /** Everything but the time is known, so an offered time can be read back as the booking ("Shall I book …?"). */
    private static boolean allButTheTimeKnown(CallState s) {
        return "RESCHEDULE".equals(s.intent) || s.name != null && s.phone != null;
    }

    private static boolean inDayPart(LocalTime t, String dayPart) {
        if (dayPart == null) {
            return true;
        }
        return switch (DayPart.valueOf(dayPart)) {
            case MORNING -> t.isBefore(LocalTime.NOON);
            case AFTERNOON -> !t.isBefore(LocalTime.NOON) && t.isBefore(LocalTime.of(17, 0));
            default -> !t.isBefore(LocalTime.of(17, 0));
        };
    }

    /** "Wednesday afternoon, October 15th" (or "Wednesday, October 15th" without a part of the day). */
    private static String dayWithPart(ZonedDateTime day, String dayPart) {
        String spoken = SpokenDates.day(day);
        if (dayPart == null) {
            return spoken;
        }
        int comma = spoken.indexOf(',');
        String part = " " + dayPart.toLowerCase(Locale.ROOT);
        return comma < 0 ? spoken + part : spoken.substring(0, comma) + part + spoken.substring(comma);
    }

    private String listTimes(List<Slot> nearestFirst, ZonedDateTime wish) {
        List<Slot> slots = new ArrayList<>(nearestFirst);
        slots.sort(Comparator.comparing(Slot::start));
        List<String> parts = new ArrayList<>();
        for (Slot slot : slots) {
            ZonedDateTime t = slot.start().withZoneSameInstant(zone());
            boolean sameDay = t.toLocalDate().equals(wish.toLocalDate());
            parts.add(sameDay ? SpokenDates.time(t) : SpokenDates.time(t) + " on " + SpokenDates.day(t));
        }
        return SpokenDates.listed(parts, "or");
    }

    private static String who(CallState s) {
        return s.name == null ? "you" : s.name;
    }

    private ZonedDateTime now() {
        return ZonedDateTime.now(bookings.clock()).withZoneSameInstant(zone());
    }

    private ZoneId zone() {
        return bookings.schedule().zone();
    }
}
