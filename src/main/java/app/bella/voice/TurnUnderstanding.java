package app.bella.voice;

import app.bella.booking.BookingService;
import app.bella.nlu.Confirmation;
import app.bella.nlu.Expect;
import app.bella.nlu.Extraction;
import app.bella.nlu.ParseContext;
import app.bella.nlu.RulesExtractor;
import app.bella.nlu.WhenPhrase;
import app.bella.understanding.ModelExtraction;
import app.bella.understanding.ModelReading;
import app.bella.understanding.Reconciler;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The "understand" steps of a call turn, run before the call row is locked: the rules first; only when they miss
 * what the step expects (and the model is on), the model through the {@code understanding-extract} route, whose reply
 * is merged in by the {@link Reconciler} (the rules stay the judge). Nothing here holds a database connection.
 */
public final class TurnUnderstanding {

    private final RulesExtractor rules;
    private final Reconciler reconciler;
    private final BookingService bookings;
    private final BooleanSupplier modelOn;
    private final ModelExtraction model;
    private final String practiceCountry;

    /**
     * @param bookings only for the practice's clock, zone and hours (the parse context)
     * @param modelOn  whether the model may be asked now (extractor "llm" and the budget guard allows it)
     * @param model    the request and reply of the model route; null when there is no model
     */
    public TurnUnderstanding(RulesExtractor rules, BookingService bookings, BooleanSupplier modelOn, ModelExtraction model) {
        this(rules, bookings, modelOn, model, null);
    }

    /** {@code practiceCountry}: ISO alpha-2 (BELLA_PRACTICE_COUNTRY); blank = guessed from the practice's time zone. */
    public TurnUnderstanding(RulesExtractor rules, BookingService bookings, BooleanSupplier modelOn, ModelExtraction model,
                             String practiceCountry) {
        this.practiceCountry = practiceCountry == null || practiceCountry.isBlank() ? null
                : practiceCountry.strip().toUpperCase(java.util.Locale.ROOT);
        this.rules = rules;
        this.reconciler = new Reconciler(rules);
        this.bookings = bookings;
        this.modelOn = model == null ? () -> false : modelOn;
        this.model = model;
    }

    /** Step voice-turn-understand-rules: the rules' reading of the turn for its step, and whether the model is wanted. */
    public Heard rules(CallState s, TurnInput in) {
        if (s == null || in == null) {
            return Heard.nothing(s == null ? null : s.step); // Whisper gave up: nothing was heard
        }
        Optional<Dialogue.Listening> listening = Dialogue.listening(s, in);
        if (listening.isEmpty()) {
            return Heard.nothing(s.step);
        }
        Expect expect = listening.get().expect();
        ParseContext ctx = context(s);
        if (in.speech() == null && in.digits() != null) {
            return new Heard(true, s.step, expect, in.text(), fromKeypad(s, in.digits(), ctx), null, false);
        }
        String text = in.text();
        Extraction byRules = byRules(text, expect, ctx);
        // the model is only asked about what the rules could not read
        boolean wanted = !Reconciler.understood(byRules, expect) && !text.isBlank() && modelOn.getAsBoolean();
        return new Heard(true, s.step, expect, text, byRules, null, wanted);
    }

    /** The model route's request body for what the rules missed. */
    public String modelRequest(Heard heard) {
        return model.request(heard.text(), heard.expect());
    }

    /** Step after voice-turn-understand-model: the model's reply merged into the rules' reading. */
    public Heard withModel(Heard heard, String reply, CallState s) {
        Optional<ModelReading> reading = model.reading(s.callSid, reply);
        if (reading.isEmpty()) {
            return heard;
        }
        Extraction merged = reconciler.reconcile(heard.extraction(), reading.get(), context(s));
        return new Heard(true, heard.step(), heard.expect(), heard.text(), merged, reading.get(), false);
    }

    /**
     * A reading for another Expect than the one worked out before the lock (the dialogue moved to another step in
     * the same turn): the rules, and the reading the model already gave for these words — the model is never asked
     * from inside the turn's transaction.
     */
    Extraction read(CallState s, TurnInput in, Expect expect, ModelReading alreadyRead) {
        ParseContext ctx = context(s);
        if (in.speech() == null && in.digits() != null) {
            return fromKeypad(s, in.digits(), ctx);
        }
        Extraction byRules = byRules(in.text(), expect, ctx);
        if (alreadyRead == null || Reconciler.understood(byRules, expect)) {
            return byRules;
        }
        return reconciler.reconcile(byRules, alreadyRead, ctx);
    }

    /**
     * The context for this call: a national number is read in the caller ID's country first; "the same time" is the
     * appointment's being moved, else the time already on the table, else now.
     */
    ParseContext context(CallState s) {
        java.time.ZoneId zone = bookings.schedule().zone();
        ParseContext ctx = new ParseContext(ZonedDateTime.now(bookings.clock()).withZoneSameInstant(zone), zone,
                HoursSpoken.opens(bookings.schedule().hours()), HoursSpoken.closes(bookings.schedule().hours()), "1",
                practiceCountry, null).withCallerId(s.from);
        return ctx.withSameAs(sameAs(s, zone, ctx));
    }

    /** The appointment being moved, else the day (and time) on the table — "11:30 the same day" after a taken time. */
    private static LocalDateTime sameAs(CallState s, java.time.ZoneId zone, ParseContext ctx) {
        if (s.existingStart != null) {
            return ZonedDateTime.parse(s.existingStart).withZoneSameInstant(zone).toLocalDateTime();
        }
        if (s.date != null) {
            return LocalDate.parse(s.date).atTime(s.time != null ? LocalTime.parse(s.time)
                    : ctx.sameTimeReference().toLocalTime());
        }
        return null;
    }

    /** Rules extraction for the expected slot, plus every other slot the caller volunteered. */
    private Extraction byRules(String text, Expect expect, ParseContext ctx) {
        Extraction focused = rules.extract(text, expect, ctx);
        if (expect == null) {
            return focused;
        }
        Extraction open = rules.extract(text, null, ctx);
        return new Extraction(
                first(focused.intent(), open.intent()),
                first(focused.name(), open.name()),
                first(focused.phone(), open.phone()),
                first(focused.when(), open.when()),
                first(focused.start(), open.start()),
                first(focused.durationMinutes(), open.durationMinutes()),
                first(focused.confirmation(), open.confirmation()));
    }

    /** Keypad: phone digits, 1 = yes / 2 = no, and dates as MMDD (then times as HHMM, 24-hour). */
    private Extraction fromKeypad(CallState s, String digits, ParseContext ctx) {
        String d = digits.replaceAll("[^0-9]", "");
        if (s.step == Step.ASK_PHONE) {
            return new Extraction(null, null, rules.extract(d, Expect.PHONE, ctx).phone(), null, null, null, null);
        }
        if (s.step == Step.CONFIRM || s.step == Step.CONFIRM_CANCEL || s.step == Step.ASK_INTENT || s.step == Step.OFFER_HELP
                || s.step == Step.CONFIRM_CALLER_NUMBER) {
            Confirmation c = "1".equals(d) ? Confirmation.YES : "2".equals(d) ? Confirmation.NO : null;
            return new Extraction(null, null, null, null, null, null, c);
        }
        if ((s.step == Step.ASK_TIME || s.step == Step.CHOOSE_ALTERNATIVE) && d.length() == 4) {
            int a = Integer.parseInt(d.substring(0, 2));
            int b = Integer.parseInt(d.substring(2));
            if (s.date == null && a >= 1 && a <= 12 && b >= 1 && b <= 31) {
                LocalDate today = ctx.now().toLocalDate();
                try {
                    LocalDate date = LocalDate.of(today.getYear(), a, b);
                    if (date.isBefore(today)) {
                        date = date.plusYears(1);
                    }
                    return new Extraction(null, null, null, new WhenPhrase(date, null, null, false), null, null, null);
                } catch (java.time.DateTimeException e) {
                    return Extraction.EMPTY;
                }
            }
            if (a <= 23 && b <= 59) {
                return new Extraction(null, null, null, new WhenPhrase(null, LocalTime.of(a, b), null, true), null, null, null);
            }
        }
        return Extraction.EMPTY;
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null && !(v instanceof WhenPhrase w && w.isEmpty())) {
                return v;
            }
        }
        return null;
    }
}
