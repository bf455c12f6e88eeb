package app.bella.nlu;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the date and time an utterance mentions, as said ({@link WhenPhrase}); relative dates
 * ("tomorrow", "next Friday", "the 15th", "in two hours") are anchored at {@link ParseContext#now()}.
 *
 * <p>Rules, in short:
 * <ul>
 *   <li>Dates: today/tomorrow/the day after tomorrow/tonight, weekdays (bare or "this X" = next
 *   occurrence, today only if the time is still ahead; "next X" = X in the following Monday-Sunday
 *   week), "December 15th", "3rd of December", "Dec 3", "October the 20th", "10/15" (US
 *   month/day), "the 15th" (this month if not past, else next month), "in 2 days", "in a week",
 *   French day and month names. Past month/day dates roll over to next year. "next week" alone gives
 *   no date.</li>
 *   <li>Times: "3 pm", "3pm", "3 p.m.", "2:30", "14:30", "1430 hours", "9 o'clock", "noon", "midnight",
 *   "half past two", "quarter to five", "two thirty", "3 in the afternoon", "14h30", "first thing"
 *   (opening time), "end of the day" (one hour before closing), "in two hours". A bare number is a
 *   time only after a cue ("at 10", "around 3", "make it 3", after a date "Friday 2:30") or when the
 *   dialogue expects a time.</li>
 *   <li>am/pm when unsaid: a day part in the utterance decides; else the reading inside business
 *   hours; else 1-6 = pm, 7-11 = am, 12 = noon. {@link WhenPhrase#explicitAmPm()} is false then.</li>
 *   <li>Corrections: the last date and the last time mentioned win ("tomorrow at 3 no wait 2 pm").</li>
 *   <li>Every date word counts: a day is pinned ({@link WhenPhrase#date()}), a range ({@link WhenPhrase#range()}:
 *   "next week", "early November", "after the 20th", "Tuesday or Wednesday"), or unresolved with the words
 *   heard ({@link WhenPhrase#unresolved()}: past days, impossible dates, holidays Bella cannot date) — never a
 *   substitute date. Named days come from {@link Holidays}; "the day after X", "two weeks from Friday", "the
 *   first Tuesday of November" are counted from their anchor.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class DateTimeParser {

    private static final Map<String, DayOfWeek> WEEKDAYS = new HashMap<>();
    private static final Map<String, Integer> MONTHS = new HashMap<>();
    private static final Map<String, DayPart> PARTS = new HashMap<>();
    /** Verbs that make a following "by" a visit ("come by Thursday", "pop by tomorrow"), not a deadline. */
    private static final Set<String> DROP_IN = Words.setOf("come", "coming", "drop", "dropping", "stop", "stopping",
            "pop", "popping", "swing", "swinging", "nip", "call");

    private static final Set<String> CUES = Words.setOf("at", "@", "around", "about", "by", "à", "say", "after",
            "vers", "approximately", "roughly", "till", "until");
    /** Besides {@link Words#isCorrectionMarker}: "no, Friday", "make it 4", "better Monday", "Tuesday instead". */
    private static final Set<String> CORRECTIONS = Words.setOf("instead", "no", "make", "not", "better");
    /** Words after "after"/"before" that name a part of the day, not a day or a clock time ("after lunch"). */
    private static final Set<String> MEALTIME = Words.setOf("lunch", "lunchtime", "noon", "midday", "breakfast");
    /** Hedges before a time that follows a day ("Thursday, maybe two"). */
    private static final Set<String> HEDGES = Words.setOf("maybe", "perhaps", "probably", "ideally", "preferably",
            "say", "like", "roughly", "approximately", "about", "around", "sometime");
    /** Words after a number that make it a count of something (a length, people, money, a dose), not a time. */
    private static final Set<String> UNITS = java.util.stream.Stream.concat(Words.setOf("minute", "minutes", "min",
            "mins", "hour", "hours", "hr", "hrs", "day", "days", "week", "weeks", "month", "months", "year", "years",
            "people", "person", "times", "percent", "dollars", "bucks", "kids", "children", "patients", "of").stream(),
            java.util.stream.Stream.concat(Words.DOSE_UNITS.stream(), Words.MEASURES.stream()))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    static {
        String[][] days = {
                {"monday", "mon", "lundi", "mundy", "munday"}, {"tuesday", "tues", "tue", "mardi", "toosday", "tuseday",
                        "chewsday"}, {"wednesday", "weds", "mercredi", "wensday", "wendsday", "wednsday"},
                {"thursday", "thurs", "thur", "thu", "jeudi", "thirsday", "thersday", "thrusday"},
                {"friday", "fri", "vendredi", "fryday"}, {"saturday", "samedi", "saterday", "satday"},
                {"sunday", "dimanche"}}; // and as a recogniser writes them by ear ("Mundy", "Toosday", "Wensday")
        for (int d = 0; d < days.length; d++) {
            for (String w : days[d]) {
                WEEKDAYS.put(w, DayOfWeek.of(d + 1));
            }
            WEEKDAYS.put(days[d][0] + "s", DayOfWeek.of(d + 1)); // "I can only do Tuesdays": the next one
        }
        String[][] months = {
                {"january", "jan", "janvier"}, {"february", "feb", "février", "fevrier"}, {"march", "mar", "mars"},
                {"april", "apr", "avril"}, {"may", "mai"}, {"june", "jun", "juin"}, {"july", "jul", "juillet"},
                {"august", "aug", "août", "aout"}, {"september", "sept", "sep", "septembre"},
                {"october", "oct", "octobre"}, {"november", "nov", "novembre"},
                {"december", "dec", "décembre", "decembre"}};
        for (int m = 0; m < months.length; m++) {
            for (String w : months[m]) {
                MONTHS.put(w, m + 1);
            }
        }
        for (String w : new String[]{"morning", "mornings", "matin", "matinée", "am"}) {
            PARTS.put(w, DayPart.MORNING);
        }
        for (String w : new String[]{"afternoon", "afternoons", "après-midi", "apres-midi", "l'après-midi",
                "l'apres-midi"}) {
            PARTS.put(w, DayPart.AFTERNOON);
        }
        for (String w : new String[]{"evening", "evenings", "night", "tonight", "soir", "soirée"}) {
            PARTS.put(w, DayPart.EVENING);
        }
        PARTS.remove("am");
    }

    /** A word that names a day, a month or a part of the day ("tomorrow", "Tuesday", "Oct", "afternoon"). */
    static boolean isDayWord(String w) {
        return WEEKDAYS.containsKey(w) || MONTHS.containsKey(w) || PARTS.containsKey(w) || w.equals("today")
                || w.equals("tomorrow") || w.equals("noon");
    }

    /** Parses an open utterance. Returns null when it mentions no date, time or day part. */
    public WhenPhrase parse(String text, ParseContext ctx) {
        return parse(Words.tokenize(text), ctx, false, -1, -1);
    }

    /** As {@link #parse(String, ParseContext)}; {@code expectTime} lets a bare "3" count as a time. */
    public WhenPhrase parse(String text, ParseContext ctx, boolean expectTime) {
        return parse(Words.tokenize(text), ctx, expectTime, -1, -1);
    }

    /** Per-call scanning state. */
    private static final class Scan {
        final Tokens tk;
        final ParseContext ctx;
        final LocalDate today;
        final boolean expectTime;
        LocalDate date;
        boolean weekdayMaybeToday;
        int hour = -1;
        int minute;
        boolean explicit;
        LocalTime fixedTime;     // fully determined time ("in 2 hours", "first thing", "noon")
        DayPart part;
        int dateEnd = -1;        // index just after the last date expression
        DateRange range;         // a vague day ("next week"), when the last date expression was one
        String unresolved;       // words of a day that cannot be used ("yesterday"), when the last one was one
        int sets;                // how many date expressions were read (to see that one started at an index)
        int shiftAt = -1;        // "the day after X", "two weeks from X": X starts here ...
        long shiftDays;          // ... and moves by this many days
        DayOfWeek shiftDow;      // ... or to this weekday after (shiftDays 1) or before (-1) it
        int shiftFrom;           // where the shifting words began
        int boundAt = -1;        // "after X", "before X", "by X": X starts here ...
        int boundKind;           // ... 1 after, 2 before, 3 by/until
        int boundFrom;
        int weekOfAt = -1;       // "the week of X": X starts here
        int weekOfFrom;
        Set<DayOfWeek> weekdays = EnumSet.noneOf(DayOfWeek.class); // bare weekdays said ("Tuesday or Wednesday")
        boolean bareWeekdayLast; // the last date expression was a bare weekday
        int weekdayEnd = -1;     // index just after the last weekday
        DayOfWeek lastWeekday;
        LocalDate weekdayWeek;   // Monday of the week the weekday alternatives lie in (null: the coming 7 days)
        int weekdayFrom;
        LocalDate negatedDate;   // the last day said and negated ("not tomorrow"): what "the day after" counts from

        Scan(Tokens tk, ParseContext ctx, boolean expectTime) {
            this.tk = tk;
            this.ctx = ctx;
            this.today = ctx.today();
            this.expectTime = expectTime;
        }

        /** A copy of this state, to go back to when what is read next turns out to be negated. */
        Scan copy() {
            Scan c = new Scan(tk, ctx, expectTime);
            c.restore(this);
            return c;
        }

        /** Takes every reading from {@code o} (a {@link #copy()} of this scan). */
        void restore(Scan o) {
            date = o.date;
            weekdayMaybeToday = o.weekdayMaybeToday;
            hour = o.hour;
            minute = o.minute;
            explicit = o.explicit;
            fixedTime = o.fixedTime;
            part = o.part;
            dateEnd = o.dateEnd;
            range = o.range;
            unresolved = o.unresolved;
            sets = o.sets;
            shiftAt = o.shiftAt;
            shiftDays = o.shiftDays;
            shiftDow = o.shiftDow;
            shiftFrom = o.shiftFrom;
            boundAt = o.boundAt;
            boundKind = o.boundKind;
            boundFrom = o.boundFrom;
            weekOfAt = o.weekOfAt;
            weekOfFrom = o.weekOfFrom;
            weekdays.clear();
            weekdays.addAll(o.weekdays);
            bareWeekdayLast = o.bareWeekdayLast;
            weekdayEnd = o.weekdayEnd;
            lastWeekday = o.lastWeekday;
            weekdayWeek = o.weekdayWeek;
            weekdayFrom = o.weekdayFrom;
            negatedDate = o.negatedDate;
        }

        /** Whether a day, a time or a day part was read since {@code o} was copied. */
        boolean readSince(Scan o) {
            return sets != o.sets || hour != o.hour || minute != o.minute || fixedTime != o.fixedTime
                    || part != o.part;
        }

        void setDate(LocalDate d, int end) {
            date = d;
            range = null;
            unresolved = null;
            weekdayMaybeToday = false;
            bareWeekdayLast = false;
            dateEnd = end;
            sets++;
        }

        void setRange(DateRange r, int end) {
            if (bareWeekdayLast && !weekdays.isEmpty() && r.weekdays().isEmpty()) {
                r = r.onWeekdays(weekdays); // "Tuesday or Wednesday ... next week"
            }
            range = r;
            date = null;
            unresolved = null;
            weekdayMaybeToday = false;
            bareWeekdayLast = false;
            dateEnd = end;
            sets++;
        }

        /** The words from {@code from} to {@code end} name a day that cannot be used. */
        /**
         * A day gone by: asked again — unless a day to come was said before it and not taken back ("Friday at 11, I
         * tweaked it last Saturday at practice"): then it is the caller's aside.
         */
        void setPast(int from, int end) {
            boolean comingSaid = (date != null && !date.isBefore(today) || range != null) && dateEnd >= 0 && dateEnd <= from;
            if (comingSaid && !takenBack(dateEnd, from)) {
                return;
            }
            setUnresolved(from, end);
        }

        private boolean takenBack(int from, int to) {
            for (int k = from; k < to; k++) {
                if (Words.isCorrectionMarker(tk.t[k]) || tk.t[k].equals("no") || tk.t[k].equals("not")) {
                    return true;
                }
            }
            return false;
        }

        void setUnresolved(int from, int end) {
            unresolved = tk.originalText(from, end);
            date = null;
            range = null;
            weekdayMaybeToday = false;
            bareWeekdayLast = false;
            dateEnd = end;
            sets++;
        }

        /** A range from {@code from} to {@code to} said by the words from {@code i} to {@code end}. */
        DateRange range(LocalDate from, LocalDate to, int i, int end) {
            LocalDate start = from.isBefore(today) ? today : from;
            return to != null && to.isBefore(start) ? null : new DateRange(start, to, Set.of(), tk.originalText(i, end));
        }

        void setClock(int h, int m, boolean exp) {
            hour = h;
            minute = m;
            explicit = exp;
            fixedTime = null;
        }

        void setFixed(LocalTime t) {
            fixedTime = t;
            hour = t.getHour();
            minute = t.getMinute();
            explicit = true;
        }
    }

    WhenPhrase parse(Tokens tk, ParseContext ctx, boolean expectTime, int skipFrom, int skipTo) {
        if (tk.n == 0) {
            return null;
        }
        Scan s = new Scan(tk, ctx, expectTime);
        boolean negations = mayNegate(tk);
        Scan undo = null;           // the state before the last day (with its time) or time read ...
        int undoAt = -1;            // ... which ended here
        Scan beforeDay = null;      // the state before the last day read ...
        int dayEnd = -1;            // ... which ended here
        int negatedTo = -1;         // "not Thursday": what starts at or before this index is not what was asked
        int negatedTail = -1;       // "not Thursday at 2": a time right after the negated day goes with it
        Scan was = null;            // the state before what is read at i (only when the utterance may negate)
        int i = 0;
        while (i < tk.n) {
            if (i >= skipFrom && i < skipTo) {
                i = skipTo;
                continue;
            }
            if (negations) {
                int post = postNegation(tk, i);
                if (post > 0 && undoAt == i && undo != null) {
                    s.restore(undo); // "Thursday doesn't work", "Friday at 2 is no good"
                    undo = null;
                    i += post;
                    continue;
                }
                int pre = preNegation(tk, i);
                if (pre > 0) {
                    negatedTo = i + pre;
                    while (NEGATION_BRIDGE.contains(tk.at(negatedTo)) && negatedTo < i + pre + 2) {
                        negatedTo++;
                    }
                    i += pre;
                    continue;
                }
            }
            if (negations) {
                if (was == null) {
                    was = s.copy();
                } else {
                    was.restore(s);
                }
            }
            int before = s.sets;
            int used = matchAt(s, i, skipFrom, skipTo);
            boolean day = s.sets != before;
            if (day) {
                afterDate(s, i, i + Math.max(used, 1));
            }
            int end = i + Math.max(used, 1);
            if (was != null && s.readSince(was)) {
                if (i <= negatedTo || !day && i <= negatedTail) {
                    LocalDate negated = day ? s.date : null;
                    s.restore(was); // "not Thursday", "no, not at 2"
                    if (negated != null) {
                        s.negatedDate = negated;
                    }
                    negatedTail = day ? end + 1 : -1;
                    negatedTo = -1;
                } else if (day) {
                    negatedTail = -1;
                    undo = was;
                    beforeDay = was;
                    dayEnd = end;
                    undoAt = end;
                    was = null; // kept: the next snapshot needs a new one
                } else {
                    undo = beforeDay != null && i <= dayEnd + 1 ? beforeDay : was; // a time goes with its day
                    undoAt = end;
                    if (undo == was) {
                        was = null;
                    }
                }
            }
            i = end;
        }
        return finish(s);
    }

    /** Words that may negate a day or time said before or after them. */
    private static final Set<String> NEGATORS = Words.setOf("not", "can't", "cannot", "couldn't", "won't", "doesn't",
            "wouldn't", "don't", "isn't", "except", "excluding", "bad", "out", "impossible");

    /** Words between a negation and the day it negates ("not on Thursday", "not this Friday", "not until 3"). */
    private static final Set<String> NEGATION_BRIDGE = Words.setOf("on", "this", "the", "next", "coming", "at", "in",
            "for", "until", "till", "before", "after", "by", "around", "about");

    private static boolean mayNegate(Tokens tk) {
        for (int k = 0; k < tk.n; k++) {
            if (NEGATORS.contains(tk.t[k]) || tk.t[k].equals("no") && tk.is(k + 1, "good")
                    || tk.t[k].equals("but") && preNegation(tk, k) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * A negation before a day or time ("not Thursday", "I can't do Friday", "can't make it Monday", "any day
     * except Tuesday"): the tokens it uses, or 0. "why not Friday" says Friday.
     */
    private static int preNegation(Tokens tk, int i) {
        String w = tk.t[i];
        if (w.equals("not")) {
            return tk.is(i - 1, "why") || tk.is(i - 1, "or") || tk.is(i - 1, "if") && tk.is(i + 1, "sure") ? 0 : 1;
        }
        if (w.equals("except") || w.equals("excluding")
                || w.equals("but") && (tk.is(i - 1, "anything") || tk.is(i - 1, "anytime")
                        || tk.is(i - 1, "day") && (tk.is(i - 2, "any") || tk.is(i - 2, "every")))) {
            return 1; // "any day except Tuesday", "anything but Friday"
        }
        if (w.equals("can't") || w.equals("cannot") || w.equals("couldn't") || w.equals("won't")) {
            String v = tk.at(i + 1);
            if (v.equals("do") || v.equals("make") || v.equals("come") || v.equals("manage")) {
                int j = i + 2;
                if (tk.is(j, "it") || tk.is(j, "in")) {
                    j++;
                }
                return j - i;
            }
        }
        return 0;
    }

    /**
     * A negation after a day or time ("Thursday doesn't work", "Friday is no good", "two won't work for me",
     * "Monday's out"): the tokens it uses, or 0.
     */
    private static int postNegation(Tokens tk, int i) {
        int j = i;
        if (tk.is(j, "is") || tk.is(j, "would") && tk.is(j + 1, "be")) {
            j += tk.is(j, "is") ? 1 : 2;
        }
        String w = tk.at(j);
        String next = tk.at(j + 1);
        boolean verb = next.equals("work") || next.equals("suit") || next.equals("do") || next.equals("fit");
        if ((w.equals("doesn't") || w.equals("won't") || w.equals("wouldn't") || w.equals("don't")
                || w.equals("can't") || w.equals("cannot")) && verb) {
            return j + 2 - i;
        }
        if ((w.equals("does") || w.equals("will") || w.equals("would")) && next.equals("not")
                && (tk.is(j + 2, "work") || tk.is(j + 2, "suit") || tk.is(j + 2, "do"))) {
            return j + 3 - i;
        }
        if ((w.equals("no") || w.equals("not") || w.equals("isn't")) && (next.equals("good") || next.equals("great")
                || next.equals("possible") || next.equals("ideal") || next.equals("an") && tk.is(j + 2, "option"))) {
            return j + (next.equals("an") ? 3 : 2) - i;
        }
        if ((j > i || tk.at(i - 1).endsWith("'s")) && (w.equals("bad") || w.equals("out") || w.equals("impossible"))) {
            return j + 1 - i; // "Monday is out"
        }
        return 0;
    }

    /** A date expression was read from {@code i} to {@code end}: apply a shift, bound or week said before it. */
    private static void afterDate(Scan s, int i, int end) {
        if (s.shiftAt == i) {
            s.shiftAt = -1;
            if (s.date != null) {
                LocalDate d = s.shiftDow == null ? s.date.plusDays(s.shiftDays)
                        : s.shiftDays > 0 ? s.date.with(TemporalAdjusters.next(s.shiftDow))
                        : s.date.with(TemporalAdjusters.previous(s.shiftDow));
                s.shiftDow = null;
                if (d.isBefore(s.today)) {
                    s.setUnresolved(s.shiftFrom, end);
                } else {
                    s.setDate(d, end);
                }
            } else if (s.range != null) {
                s.setUnresolved(s.shiftFrom, end); // "a week after next week": too vague to pin
            }
        }
        if (s.weekOfAt == i) {
            s.weekOfAt = -1;
            s.bareWeekdayLast = false;
            if (s.date != null) {
                LocalDate monday = s.date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                DateRange r = s.range(monday, monday.plusDays(6), s.weekOfFrom, end);
                if (r != null) {
                    s.setRange(r, end);
                }
            }
        }
        if (s.boundAt == i) {
            s.boundAt = -1;
            s.bareWeekdayLast = false; // "after Tuesday" is every day after it, not only Tuesdays
            LocalDate first = s.date != null ? s.date : s.range != null ? s.range.earliest() : null;
            LocalDate last = s.date != null ? s.date : s.range != null ? s.range.latest() : null;
            DateRange r = null;
            if (s.boundKind == 1 && last != null) {
                r = s.range(last.plusDays(1), null, s.boundFrom, end);
            } else if (s.boundKind == 2 && first != null) {
                r = s.range(s.today, first.minusDays(1), s.boundFrom, end);
            } else if (s.boundKind == 3 && last != null) {
                r = s.range(s.today, last, s.boundFrom, end);
            }
            if (r != null) {
                s.setRange(r, end);
            } else if (first != null) {
                s.setUnresolved(s.boundFrom, end); // "before today"
            }
        }
    }

    private static int matchAt(Scan s, int i, int skipFrom, int skipTo) {
        Tokens tk = s.tk;
        String w = tk.t[i];
        int used;
        if ((used = shiftedReference(s, i)) > 0) {
            return used;
        }
        if ((used = soonest(s, i)) > 0) {
            return used;
        }
        if ((used = theOneAfter(s, i)) > 0) {
            return used;
        }
        if ((used = relative(s, i)) > 0) {
            return used;
        }
        if ((used = pastOrVague(s, i)) > 0) {
            return used;
        }
        if ((used = workingHours(s.tk, i)) > 0) {
            return used; // "my husband works the 7 to 3 shift": someone's hours, no part of the booking
        }
        if ((used = ordinalWeekday(s, i)) > 0) {
            return used;
        }
        Holidays.Match holiday = Holidays.match(tk, i);
        if (holiday != null) {
            LocalDate d = Holidays.next(holiday.day(), s.today, s.ctx.country());
            s.setDate(d, i + holiday.used());
            return holiday.used();
        }
        if ((used = Holidays.matchUndated(tk, i)) > 0) {
            if (s.date == null) {
                s.setUnresolved(i, i + used); // a day Bella cannot date: asked again
            } // "January 6th at 10? After the holidays would be easier": the day said stands
            return used;
        }
        if ((used = unknownNamedDay(s, i)) > 0) {
            return used;
        }
        switch (w) {
            case "today", "aujourd'hui", "now" -> {
                if (w.equals("now") && !(tk.is(i - 1, "right") || tk.is(i - 1, "for"))) {
                    return 1;
                }
                if (w.equals("now") && (tk.is(i - 2, "that's") || tk.is(i - 2, "is") || tk.is(i - 2, "sounds"))) {
                    return 1; // "yes, that's right now": agreeing, at last; no day
                }
                if (!w.equals("now") && tk.is(i + 1, "week") && !tk.is(i + 2, "after")) {
                    s.setDate(s.today.plusWeeks(1), i + 2); // "today week": a week today
                    return 2;
                }
                s.setDate(s.today, i + 1);
                return 1;
            }
            case "tonight" -> {
                s.setDate(s.today, i + 1);
                s.part = DayPart.EVENING;
                return 1;
            }
            case "tomorrow", "demain", "tmrw", "tmr" -> {
                if (tk.is(i + 1, "week") && !tk.is(i + 2, "after")) {
                    s.setDate(s.today.plusDays(8), i + 2); // "tomorrow week": a week tomorrow
                    return 2;
                }
                s.setDate(s.today.plusDays(1), i + 1);
                return 1;
            }
            case "morn" -> {
                if (tk.is(i - 1, "the") && !tk.is(i - 2, "in")) {
                    s.setDate(s.today.plusDays(1), i + 1); // Scottish "the morn": tomorrow ("in the morn" is a morning)
                } else {
                    s.part = DayPart.MORNING;
                }
                return 1;
            }
            case "après-demain", "apres-demain" -> {
                s.setDate(s.today.plusDays(2), i + 1);
                return 1;
            }
            case "day" -> {
                if (tk.is(i - 1, "this") && tk.is(i + 1, "week")) {
                    s.setDate(s.today.plusWeeks(1), i + 2); // "this day week": a week today
                    return 2;
                }
                if (tk.is(i + 1, "after") && tk.is(i + 2, "tomorrow")) {
                    s.setDate(s.today.plusDays(2), i + 3);
                    return 3;
                }
                String before = tk.at(i - 1);
                if ((tk.is(i + 1, "after") || tk.is(i + 1, "before")) && (before.equals("any") || before.equals("some")
                        || before.equals("every") || before.equals("whatever"))) {
                    s.boundAt = i + 2; // "any day after the 20th"
                    s.boundKind = tk.is(i + 1, "after") ? 1 : 2;
                    s.boundFrom = i - 1;
                    return 2;
                }
                if (tk.is(i + 1, "after") || tk.is(i + 1, "before")) {
                    s.shiftAt = i + 2; // "the day after Christmas", "the day before the 15th"
                    s.shiftDays = tk.is(i + 1, "after") ? 1 : -1;
                    s.shiftFrom = tk.is(i - 1, "the") ? i - 1 : i;
                    return 2;
                }
                return 1;
            }
            case "after", "before", "by", "until", "till", "til" -> {
                if (w.equals("after") && tk.is(i + 1, "tomorrow") && i == 0 && (tk.is(i + 2, "at")
                        || readClockAhead(tk, i + 2))) {
                    s.setDate(s.today.plusDays(2), i + 2); // "after tomorrow, at ten": the day after tomorrow, as
                    return 2;                              // many first languages say it ("après-demain", "pasado mañana")
                }
                if ((w.equals("after") || w.equals("before")) && MEALTIME.contains(tk.at(i + 1))) {
                    boolean afterLunch = w.equals("after") && !tk.is(i + 1, "breakfast");
                    if (afterLunch) {
                        s.setFixed(LocalTime.of(13, 0)); // "after lunch": one o'clock, unless a time follows
                    }
                    s.part = afterLunch ? DayPart.AFTERNOON : DayPart.MORNING;
                    return 2;
                }
                if (w.equals("by") && DROP_IN.contains(tk.at(i - 1))) {
                    return 1; // "I was fixin to come by Thursday": a visit on Thursday, not a deadline
                }
                s.boundAt = i + 1;
                s.boundKind = w.equals("after") ? 1 : w.equals("before") ? 2 : 3;
                s.boundFrom = i;
                return 1;
            }
            case "same" -> {
                if (tk.is(i + 1, "day") && s.date != null && !tk.is(i + 2, "next")) {
                    return 2; // "in two weeks, same day, at ten": the day just said, not today
                }
                return sameTime(s, i);
            }
            case "noon", "midday", "midi", "lunchtime" -> {
                s.setFixed(LocalTime.NOON);
                return 1;
            }
            case "midnight", "minuit" -> {
                s.setFixed(LocalTime.MIDNIGHT);
                return 1;
            }
            case "first" -> {
                if (tk.is(i + 1, "thing")) {
                    s.setFixed(s.ctx.opens());
                    if (s.part == null) {
                        s.part = DayPart.MORNING;
                    }
                    return 2;
                }
            }
            case "end" -> {
                if (tk.is(i + 1, "of") && (tk.is(i + 2, "day") || tk.is(i + 2, "the") && tk.is(i + 3, "day"))) {
                    s.setFixed(s.ctx.closes().minusHours(1));
                    return tk.is(i + 2, "day") ? 3 : 4;
                }
                return 1;
            }
            default -> {
            }
        }
        DayOfWeek dow = WEEKDAYS.get(w.endsWith("'s") ? w.substring(0, w.length() - 2) : w);
        if (dow == null && w.equals("sat") && !SAT_AS_VERB.contains(tk.at(i - 1))) {
            dow = DayOfWeek.SATURDAY; // "Sat at 10", as written short ("I sat in the waiting room" stays a verb)
        }
        if (dow != null) {
            return weekday(s, i, dow);
        }
        Integer month = MONTHS.get(w);
        if (month != null && (used = monthFirst(s, i, month)) > 0) {
            return used;
        }
        if ((used = monthRange(s, i)) > 0) {
            return used;
        }
        if (w.indexOf('/') > 0 && (used = numericDate(s, i)) > 0) {
            return used;
        }
        if (w.length() == 4 && w.startsWith("20") && Words.isDigits(w) && Words.isDigits(tk.at(i + 1))
                && Words.isDigits(tk.at(i + 2)) && tk.at(i + 1).length() <= 2 && tk.at(i + 2).length() <= 2) {
            int isoMonth = Integer.parseInt(tk.at(i + 1));
            LocalDate d = isoMonth >= 1 && isoMonth <= 12
                    ? monthDay(s, isoMonth, Integer.parseInt(tk.at(i + 2)), Integer.parseInt(w)) : null;
            if (d != null) {
                s.setDate(d, i + 3); // "2025-10-22", as a chat or a recogniser writes a date
                return 3;
            }
        }
        if ((used = clockWindow(s, i)) > 0) {
            return used;
        }
        if ((used = pastTo(s, i)) > 0) {
            return used;
        }
        if ((used = dayFirst(s, i)) > 0) {
            return used;
        }
        boolean busyUntil = (tk.is(i - 1, "till") || tk.is(i - 1, "until") || tk.is(i - 1, "til")
                || tk.is(i - 1, "at") && someoneElsesEventBefore(tk, i - 1) || timeTakenBack(tk, i))
                && (s.fixedTime != null || s.hour >= 0);
        if ((used = busyUntil ? timePassedOver(s, i) : time(s, i)) > 0) {
            return used;
        }
        DayPart p = PARTS.get(w);
        if (p != null && pastPart(tk, i)) {
            return 1; // "I've been trying to get through all morning", "I called this morning": not the booking's
        }
        if (p != null && !tk.is(i - 1, "good") && !tk.is(i - 1, "every") && !tk.is(i - 1, "last")) {
            s.part = p;
            if (tk.is(i - 1, "this") || tk.is(i - 1, "ce") || tk.is(i - 1, "cet")) {
                s.setDate(s.today, i + 1);
            }
            return 1;
        }
        return 1;
    }

    /** Words before "sat" that make it the verb: "I sat", "we've sat", "just sat". */
    private static final Set<String> SAT_AS_VERB = Words.setOf("i", "we", "he", "she", "they", "you", "i've", "we've",
            "just", "have", "had", "has", "was", "been", "it", "who", "and");

    /**
     * "the time should be 2, not 1", "make it 3 instead of 3:30", "4 rather than 4:30": after a time, one said after
     * "not" or "instead of" is the one taken back.
     */
    private static boolean timeTakenBack(Tokens tk, int i) {
        return tk.is(i - 1, "not") && !tk.is(i - 2, "if") || tk.is(i - 1, "of") && tk.is(i - 2, "instead")
                || tk.is(i - 1, "than") && tk.is(i - 2, "rather");
    }

    /** Verbs of something else that happens at a time: "she has piano at 4", "my mother's bus gets in at 12". */
    private static final Set<String> OTHER_EVENT = Words.setOf("has", "gets", "arrives", "lands", "finishes", "ends",
            "starts", "begins", "leaves", "closes", "opens", "got");
    /** What a caller may have "got" or another "has" that is a free time, not an event: "if she has an opening at 3". */
    private static final Set<String> FREE_TIME = Words.setOf("opening", "openings", "slot", "slots", "spot", "space",
            "room", "time", "anything", "something", "availability", "to");

    /**
     * Whether the "at" at {@code at} follows, within four words, a verb of another event ("she has piano at 4", "the
     * bus gets in at 12", "I've got a meeting at 3") — read only after a time was said, so such a time is an aside.
     */
    private static boolean someoneElsesEventBefore(Tokens tk, int at) {
        for (int k = at - 1; k >= Math.max(0, at - 4); k--) {
            if (Words.isCorrectionMarker(tk.t[k]) || tk.t[k].equals("how") || tk.t[k].equals("can")
                    || tk.t[k].equals("could")) {
                return false;
            }
            if (OTHER_EVENT.contains(tk.t[k])) {
                for (int j = k + 1; j < at; j++) {
                    if (FREE_TIME.contains(tk.t[j])) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static final Set<String> RANGE_TO = Words.setOf("to", "till", "til", "until", "-");
    private static final Set<String> WORKS = Words.setOf("work", "works", "working", "worked");

    /** "the 7 to 3 shift", "he works 9 to 5": someone's working hours at {@code i}; the tokens used, or 0. */
    private static int workingHours(Tokens tk, int i) {
        int from = tk.is(i, "the") ? i + 1 : i;
        int a = Words.readNumber(tk, from);
        if (a < 0 || a >> 2 < 1 || a >> 2 > 12 || !RANGE_TO.contains(tk.at(from + (a & 3)))) {
            return 0;
        }
        int to = from + (a & 3) + 1;
        int b = Words.readNumber(tk, to);
        if (b < 0 || b >> 2 < 1 || b >> 2 > 12) {
            return 0;
        }
        int end = to + (b & 3);
        if (tk.is(end, "shift") || tk.is(end, "shifts")) {
            return end + 1 - i;
        }
        return from == i && WORKS.contains(tk.at(i - 1)) ? end - i : 0;
    }

    /** Words that put a clause in the past: a part of the day said in it is when the caller did something. */
    private static final Set<String> PAST_DOING = Words.setOf("been", "called", "rang", "phoned", "tried", "waited",
            "since");

    /** "all morning" or "this morning" after a word of the past within six words: when the caller did something. */
    private static boolean pastPart(Tokens tk, int i) {
        if (!tk.is(i - 1, "all") && !tk.is(i - 1, "this")) {
            return false;
        }
        for (int k = Math.max(0, i - 7); k < i - 1; k++) {
            if (PAST_DOING.contains(tk.t[k])) {
                return true;
            }
        }
        return false;
    }

    /**
     * A time read and left out: "push it an hour later, I've got a meeting till 1:30" — after a time was said, one
     * after "till" is when the caller is busy, not the time wanted. Returns the tokens it used.
     */
    private static int timePassedOver(Scan s, int i) {
        int hour = s.hour;
        int minute = s.minute;
        boolean explicit = s.explicit;
        LocalTime fixed = s.fixedTime;
        int used = time(s, i);
        s.hour = hour;
        s.minute = minute;
        s.explicit = explicit;
        s.fixedTime = fixed;
        return used;
    }

    // -- dates ---------------------------------------------------------------------------------------

    /** A weekday at i; returns the tokens used ("Tuesday next week" uses three). */
    private static int weekday(Scan s, int i, DayOfWeek dow) {
        Tokens tk = s.tk;
        String prev = tk.at(i - 1);
        boolean alternative = ((prev.equals("or") || prev.equals("and")) && s.weekdayEnd == i - 1
                || s.weekdayEnd == i) && s.lastWeekday != null && s.lastWeekday != dow;
        int used = 1;
        boolean nextWeek = prev.equals("next") && !tk.is(i - 2, "the")
                || prev.equals("week") && tk.is(i - 2, "next");
        if (tk.is(i + 1, "next") && tk.is(i + 2, "week") || tk.is(i + 1, "week") && tk.is(i + 2, "after")) {
            nextWeek = true;
            used = 3;
        }
        int from = prev.equals("next") || prev.equals("this") || prev.equals("ce") ? i - 1 : i;
        if (tk.is(i + 1, "after") && tk.is(i + 2, "next") && !tk.is(i + 3, "week")) {
            s.setDate(nextMonday(s.today).plusWeeks(1).plusDays(dow.getValue() - 1L), i + 3); // "Friday after next"
            s.weekdays.clear();
            s.weekdayEnd = i + 3;
            s.lastWeekday = dow;
            s.weekdayFrom = i;
            return 3;
        }
        boolean afterThisOne = tk.is(i + 1, "after") && tk.is(i + 2, "this") && tk.is(i + 3, "one");
        if (afterThisOne || tk.is(i + 1, "after") && (i + 2 == tk.n || tk.is(i + 2, "at") || tk.is(i + 2, "then"))) {
            // "not this Monday but the Monday after, at 1:30", "Thanksgiving Monday's no good, so the Tuesday after":
            // the first after the day said before; "the Monday after this one": a week after the coming one
            used = afterThisOne ? 4 : 2;
            LocalDate before = s.date != null ? s.date : s.negatedDate;
            s.setDate(before != null && !afterThisOne ? before.with(TemporalAdjusters.next(dow))
                    : s.today.with(TemporalAdjusters.nextOrSame(dow)).plusWeeks(1), i + used);
            s.weekdays.clear();
            s.weekdayEnd = i + used;
            s.lastWeekday = dow;
            s.weekdayFrom = i;
            return used;
        }
        if ((tk.is(i + 1, "after") || tk.is(i + 1, "before")) && !tk.is(i + 2, "next") && !tk.is(i + 2, "that")
                && !MEALTIME.contains(tk.at(i + 2))) {
            // the weekday itself until a day follows: "Thursday after work" is Thursday; "the Friday after
            // Thanksgiving" is that weekday counted from the day that follows
            LocalDate d = s.today.with(TemporalAdjusters.nextOrSame(dow));
            s.setDate(d, i + 1);
            s.weekdayMaybeToday = d.equals(s.today);
            s.weekdayWeek = null;
            s.weekdays.clear();
            s.weekdays.add(dow);
            s.weekdayEnd = i + 1;
            s.lastWeekday = dow;
            s.weekdayFrom = i;
            s.shiftAt = i + 2;
            s.shiftDow = dow;
            s.shiftDays = tk.is(i + 1, "after") ? 1 : -1;
            s.shiftFrom = prev.equals("the") ? i - 1 : i;
            return 2;
        }
        if (alternative) {
            // "Tuesday or Wednesday (next week)": a range on those weekdays
            s.weekdays.add(dow);
            LocalDate monday = nextWeek ? nextMonday(s.today) : s.weekdayWeek;
            DateRange r = monday != null
                    ? s.range(monday, monday.plusDays(6), s.weekdayFrom, i + used)
                    : s.range(s.today, s.today.plusDays(6), s.weekdayFrom, i + used);
            if (s.range != null && s.bareWeekdayLast) {
                r = s.range;
            }
            s.setRange(r.onWeekdays(s.weekdays), i + used);
            s.bareWeekdayLast = true;
            s.weekdayEnd = i + used;
            s.lastWeekday = dow;
            return used;
        }
        if (!nextWeek && s.range != null && s.dateEnd >= 0 && !prev.equals("this") && !prev.equals("next")) {
            // "next week, maybe Tuesday": a weekday inside the range said before it
            s.weekdays.clear();
            s.weekdays.add(dow);
            DateRange r = s.range.onWeekdays(s.weekdays);
            if (r.first() == null) {
                s.setUnresolved(i, i + used);
            } else {
                s.setRange(r, i + used);
                s.bareWeekdayLast = true;
            }
            s.weekdayEnd = i + used;
            s.lastWeekday = dow;
            s.weekdayFrom = i;
            return used;
        }
        LocalDate d;
        boolean bare = false;
        if (nextWeek) {
            d = nextMonday(s.today).plusDays(dow.getValue() - 1L);
            s.setDate(d, i + used);
            s.weekdayWeek = nextMonday(s.today);
        } else if (prev.equals("this") || prev.equals("ce")) {
            s.setDate(s.today.with(TemporalAdjusters.nextOrSame(dow)), i + 1);
            s.weekdayWeek = null;
        } else if (tk.is(i + 1, "prochain") || tk.is(i + 1, "prochaine")) {
            s.setDate(s.today.with(TemporalAdjusters.next(dow)), i + 2);
            s.weekdayWeek = null;
            used = 2;
        } else if (weeksAfter(tk, i + 1) > 0) {
            // "Thursday week", "Monday fortnight": that many weeks after the coming one
            int weeks = weeksAfter(tk, i + 1);
            d = s.today.with(TemporalAdjusters.nextOrSame(dow)).plusWeeks(weeks);
            used = weeks == 1 ? 2 : 3;
            s.setDate(d, i + used);
            s.weekdayWeek = null;
        } else {
            d = s.today.with(TemporalAdjusters.nextOrSame(dow));
            s.setDate(d, i + 1);
            s.weekdayMaybeToday = d.equals(s.today);
            s.weekdayWeek = null;
            bare = true;
        }
        s.weekdays.clear();
        s.weekdays.add(dow);
        s.bareWeekdayLast = bare;
        s.weekdayEnd = i + used;
        s.lastWeekday = dow;
        s.weekdayFrom = from;
        return used;
    }

    /**
     * 1 for "week", 2 for "fortnight" (read as "two weeks") at j when it counts on from the weekday before it
     * ("Thursday week", "Monday fortnight"); else 0.
     */
    private static int weeksAfter(Tokens tk, int j) {
        boolean fortnight = tk.is(j, "two") && tk.is(j + 1, "weeks");
        if (!tk.is(j, "week") && !fortnight) {
            return 0;
        }
        String next = tk.at(fortnight ? j + 2 : j + 1);
        boolean counted = next.equals("after") || next.equals("of") || next.equals("before") || next.equals("is")
                || next.equals("or") || next.equals("and") || next.equals("from") || next.equals("later")
                || next.equals("ago") || next.equals("time");
        return counted ? 0 : fortnight ? 2 : 1;
    }

    private static LocalDate nextMonday(LocalDate today) {
        return today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(1);
    }

    /** "December 15th", "Dec 3", "October the 20th", "December fifteenth 2025". */
    private static int monthFirst(Scan s, int i, int month) {
        Tokens tk = s.tk;
        int j = i + 1;
        if (tk.is(j, "the")) {
            j++;
        }
        int day = readDay(tk, j, true);
        if (day < 0) {
            return 0;
        }
        int dayValue = day >> 2;
        int end = j + (day & 3);
        if (isTimeFollower(tk.at(end)) && !(Words.readOrdinal(tk, j) > 0)) {
            return 0; // "may 3 pm"
        }
        if (month == 5 && !(Words.readOrdinal(tk, j) > 0) && !tk.is(i + 1, "the")
                && (tk.is(i - 1, "i") || tk.is(i - 1, "we") || tk.is(i - 1, "you") || tk.is(i - 1, "it"))) {
            return 0; // "I may 2 ..."
        }
        return finishDate(s, i, end, month, dayValue);
    }

    /**
     * A month and day, with an optional year after them ("December 3rd 2026", "August 5th next year", "… of this
     * year"): the tokens used from i, or 0.
     */
    private static int finishDate(Scan s, int i, int end, int month, int day) {
        int year = -1;
        int y = Words.digitsValue(s.tk.at(end));
        int of = s.tk.is(end, "of") ? 1 : 0;
        if (y >= 2000 && y <= 2100) {
            year = y;
            end++;
        } else if ((s.tk.is(end + of, "next") || s.tk.is(end + of, "this")) && s.tk.is(end + of + 1, "year")) {
            year = s.today.getYear() + (s.tk.is(end + of, "next") ? 1 : 0);
            end += of + 2;
        }
        LocalDate d = monthDay(s, month, day, year);
        if (d == null) {
            s.setUnresolved(i, end); // "February 30th", "October 1st 2024", last week's "October 3rd"
            return end - i;
        }
        setDayOfMonth(s, i, end, d);
        return end - i;
    }

    /**
     * Sets a date said as a day of the month, checking it against a weekday said right before it ("Monday the
     * 17th"): a month that was not named moves to the next month where that day is that weekday; a named
     * month whose day falls on another weekday is unresolved.
     */
    private static void setDayOfMonth(Scan s, int i, int end, LocalDate d) {
        boolean weekdayBefore = s.lastWeekday != null && (s.weekdayEnd == i || s.weekdayEnd == i - 1 && s.tk.is(i - 1, "on"));
        if (weekdayBefore && d.getDayOfWeek() != s.lastWeekday) {
            s.setUnresolved(s.weekdayFrom, end);
            return;
        }
        s.setDate(d, end);
    }

    /** "3rd of December", "15 December", "le 15 octobre", "the 15th", "the fifteenth". */
    private static int dayFirst(Scan s, int i) {
        Tokens tk = s.tk;
        int j = i;
        boolean the = false;
        if (tk.is(j, "the") || tk.is(j, "le")) {
            the = true;
            j++;
        }
        boolean ordinal = Words.readOrdinal(tk, j) > 0;
        boolean afterWeekday = !the && !ordinal && s.lastWeekday != null && s.weekdayEnd == i;
        int day = readDay(tk, j, the || tk.is(i - 1, "on") || monthFollows(tk, j) || afterWeekday);
        if (day < 0) {
            return 0;
        }
        int dayValue = day >> 2;
        int end = j + (day & 3);
        if (afterWeekday && !monthFollows(tk, j)) {
            // "Thursday 16", "Monday 27 at 3 pm": the day of the month, when it falls on that weekday; a number up to
            // 12 is a time unless a time is said after it ("Friday 10" is 10 o'clock)
            LocalDate d = nextDayOfMonth(s.today, dayValue, s.lastWeekday);
            boolean dayNumber = dayValue > 12 || tk.is(end, "at");
            if (d == null || d.isAfter(s.today.plusDays(62)) || !dayNumber || isTimeFollower(tk.at(end))
                    || UNITS.contains(tk.at(end)) || readMinutes(tk, end) >= 0) {
                return 0;
            }
            s.setDate(d, end);
            return end - i;
        }
        int k = end;
        if (tk.is(k, "of")) {
            k++;
        }
        Integer month = MONTHS.get(tk.at(k));
        if (month != null) {
            return finishDate(s, i, k + 1, month, dayValue);
        }
        if ((tk.is(k, "next") || tk.is(k, "this")) && tk.is(k + 1, "month") && k > end) {
            YearMonth ym = YearMonth.from(s.today).plusMonths(tk.is(k, "next") ? 1 : 0); // "the 5th of next month"
            if (!ym.isValidDay(dayValue)) {
                s.setUnresolved(i, k + 2);
            } else {
                s.setDate(ym.atDay(dayValue), k + 2);
            }
            return k + 2 - i;
        }
        if (dayValue > 31) {
            if (!(the && ordinal) && !(ordinal && Character.isDigit(tk.at(j).charAt(0)))) {
                return 0;
            }
            s.setUnresolved(i, end); // "the 32nd"
            return end - i;
        }
        // without a month: "the 15th", "on the fifteenth", a bare "15th"
        boolean digitOrdinal = ordinal && Character.isDigit(tk.at(j).charAt(0));
        if (!(the && (ordinal || !isTimeFollower(tk.at(end)) && !UNITS.contains(tk.at(end))) || digitOrdinal)) {
            return 0;
        }
        if (!ordinal && !the || STREET_WORDS.contains(tk.at(end))) {
            return 0; // "17th Avenue" is a street
        }
        if (!ordinal && dayValue <= 12 && tk.is(i - 1, "at")) {
            return 0; // "at the 3 in afternoon", "at the 11": an hour, as said in many languages
        }
        boolean weekdayBefore = s.lastWeekday != null && (s.weekdayEnd == i || s.weekdayEnd == i - 1 && tk.is(i - 1, "on"));
        LocalDate d = weekdayBefore ? nextDayOfMonth(s.today, dayValue, s.lastWeekday) : nextDayOfMonth(s.today, dayValue);
        if (d == null) {
            s.setUnresolved(weekdayBefore ? s.weekdayFrom : i, end);
            return end - i;
        }
        s.setDate(d, end);
        return end - i;
    }

    /** "Monday the 17th": the next 17th (within a year) that is a Monday, or null. */
    static LocalDate nextDayOfMonth(LocalDate today, int day, DayOfWeek dow) {
        YearMonth ym = YearMonth.from(today);
        for (int k = 0; k < 13; k++, ym = ym.plusMonths(1)) {
            if (ym.isValidDay(day)) {
                LocalDate d = ym.atDay(day);
                if (!d.isBefore(today) && d.getDayOfWeek() == dow) {
                    return d;
                }
            }
        }
        return null;
    }

    /** "15 December", "15 of December", "fifteen December": a cardinal day directly before a month. */
    private static boolean monthFollows(Tokens tk, int j) {
        int r = Words.readNumber(tk, j);
        if (r < 0) {
            return false;
        }
        int k = j + (r & 3);
        if (tk.is(k, "of")) {
            k++;
        }
        return MONTHS.containsKey(tk.at(k));
    }

    /**
     * Reads a day of month at {@code j}: an ordinal ("15th", "third", "twenty first"), or when
     * {@code cardinalOk} a cardinal 1-31 ("15", "fifteen"). Packed as value*4+consumed, or -1.
     */
    private static int readDay(Tokens tk, int j, boolean cardinalOk) {
        int o = Words.readOrdinal(tk, j);
        if (o > 0) {
            int v = o >> 2;
            if (v < 1 || v > 39) {
                return -1; // 32nd-39th are read, then refused as impossible days
            }
            if (ORDINAL_NOUNS.contains(tk.at(j + 1))) {
                return -1; // "first thing", "the first available", "the first name": no day of the month
            }
            return o;
        }
        if (!cardinalOk) {
            return -1;
        }
        String w = tk.at(j);
        if (w.isEmpty() || w.equals("o") || w.equals("oh") || w.equals("one")) {
            return -1; // "the one after", "the one on Friday": a choice, never the 1st
        }
        int r = Words.readNumber(tk, j);
        if (r < 0) {
            return -1;
        }
        int v = r >> 2;
        return v >= 1 && v <= 31 ? r : -1;
    }

    private static int numericDate(Scan s, int i) {
        String w = s.tk.t[i];
        String[] p = w.split("/");
        if (p.length < 2 || p.length > 3) {
            return 0;
        }
        int m = Words.digitsValue(p[0]);
        int d = Words.digitsValue(p[1]);
        int y = -1;
        if (p.length == 3) {
            y = Words.digitsValue(p[2]);
            if (y >= 0 && y < 100) {
                y += 2000;
            }
            if (y < 2000 || y > 2100) {
                return 0;
            }
        }
        if (m > 12 && m <= 31 && d >= 1 && d <= 12) {
            int day = m; // "20/10": written day first, the only way it is a date
            m = d;
            d = day;
        }
        if (m < 1 || m > 12 || d < 1 || d > 31) {
            if (m >= 0 && m <= 99 && d >= 0 && d <= 99) {
                s.setUnresolved(i, i + 1); // "13/45"
                return 1;
            }
            return 0;
        }
        LocalDate date = monthDay(s, m, d, y);
        if (date == null) {
            s.setUnresolved(i, i + 1);
            return 1;
        }
        s.setDate(date, i + 1);
        return 1;
    }

    /**
     * The date with this month and day: in the given year (null when past or impossible), or else the next
     * one from today — but null when that is more than {@value #ROLL_OVER_DAYS} days away: "October 1st" said
     * on October 8th is a day just past, not next year's. February 29th looks up to four years ahead.
     */
    private static LocalDate monthDay(Scan s, int month, int day, int year) {
        if (day < 1 || day > 31) {
            return null;
        }
        if (year > 0) {
            if (!YearMonth.of(year, month).isValidDay(day)) {
                return null;
            }
            LocalDate d = LocalDate.of(year, month, day);
            return d.isBefore(s.today) ? null : d;
        }
        if (!YearMonth.of(2024, month).isValidDay(day)) {
            return null; // February 30th, April 31st
        }
        int y = s.today.getYear();
        for (int k = 0; k < 5; k++, y++) {
            if (YearMonth.of(y, month).isValidDay(day)) {
                LocalDate d = LocalDate.of(y, month, day);
                if (!d.isBefore(s.today)) {
                    boolean leapDay = month == 2 && day == 29;
                    return leapDay || ChronoUnit.DAYS.between(s.today, d) <= ROLL_OVER_DAYS ? d : null;
                }
            }
        }
        return null;
    }

    /** How far ahead a month and day said without a year may roll over into next year. */
    static final int ROLL_OVER_DAYS = 300;

    /** "the 15th": this month if not yet past, else the next month that has that day. */
    static LocalDate nextDayOfMonth(LocalDate today, int day) {
        YearMonth ym = YearMonth.from(today);
        for (int k = 0; k < 13; k++, ym = ym.plusMonths(1)) {
            if (ym.isValidDay(day)) {
                LocalDate d = ym.atDay(day);
                if (!d.isBefore(today)) {
                    return d;
                }
            }
        }
        return null;
    }

    /**
     * "a week from today", "two weeks from Friday", "3 days after Christmas", "a week before the 20th", "a week
     * on Monday": days counted from an anchor day; "two days ago" is a past day (unresolved).
     */
    private static int fromAnchor(Scan s, int i) {
        Tokens tk = s.tk;
        int amount;
        int used;
        String a = tk.at(i);
        if (a.equals("a") || a.equals("an") || a.equals("one")) {
            amount = 1;
            used = 1;
            if (tk.is(i + 1, "couple")) {
                amount = 2;
                used = tk.is(i + 2, "of") ? 3 : 2;
            }
        } else {
            int r = Words.readNumber(tk, i);
            if (r < 0) {
                return 0;
            }
            amount = r >> 2;
            used = r & 3;
        }
        int j = i + used;
        long days;
        boolean weeks = false;
        switch (tk.at(j)) {
            case "day", "days" -> days = amount;
            case "week", "weeks" -> {
                days = amount * 7L;
                weeks = true;
            }
            default -> {
                return 0;
            }
        }
        if (days > 366) {
            return 0;
        }
        if (tk.is(j + 1, "ago")) {
            s.setPast(i, j + 2);
            return j + 2 - i;
        }
        String rel = tk.at(j + 1);
        if (weeks && (rel.equals("tomorrow") || rel.equals("today"))) {
            s.setDate(s.today.plusDays(days + (rel.equals("tomorrow") ? 1 : 0)), j + 2); // "a week tomorrow"
            return j + 2 - i;
        }
        boolean before = rel.equals("before");
        if (!(rel.equals("from") || rel.equals("after") || before || weeks && rel.equals("on")
                || weeks && WEEKDAYS.containsKey(rel) && tk.is(i - 1, "in"))) {
            return 0;
        }
        if (!before && (tk.is(j + 2, "today") || tk.is(j + 2, "now"))) {
            s.setDate(s.today.plusDays(days), j + 3);
            return j + 3 - i;
        }
        if (!before && tk.is(j + 2, "tomorrow")) {
            s.setDate(s.today.plusDays(1 + days), j + 3);
            return j + 3 - i;
        }
        int anchor = weeks && rel.equals("on") && tk.is(j + 2, "the") && WEEKDAYS.containsKey(tk.at(j + 3))
                ? j + 3 : j + 2; // "in two weeks, on the Wednesday"
        if (weeks && WEEKDAYS.containsKey(rel) && tk.is(i - 1, "in")) {
            anchor = j + 1; // "in two weeks, Wednesday, at eleven thirty"
        }
        s.shiftAt = anchor; // the anchor day follows: applied once it is read
        s.shiftDays = before ? -days : days;
        s.shiftFrom = i;
        return anchor - i;
    }

    /**
     * Past days ("yesterday", "last Friday", "this past weekend"), vague ranges of weeks and months ("next
     * week", "the week after next", "later this week", "end of the month", "early November", "the first week of
     * December"). Returns the tokens used, or 0.
     */
    private static int pastOrVague(Scan s, int i) {
        Tokens tk = s.tk;
        String w = tk.t[i];
        int used = monthRange(s, i);
        if (used > 0) {
            return used;
        }
        switch (w) {
            case "yesterday", "hier", "last", "past", "next", "following", "coming", "this", "week", "weekend", "later",
                 "early", "end", "beginning", "start", "middle", "mid", "late", "sometime" -> {
            }
            default -> {
                return 0; // most words: no dates computed
            }
        }
        LocalDate monday = s.today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate nextMonday = monday.plusWeeks(1);
        YearMonth thisMonth = YearMonth.from(s.today);
        switch (w) {
            case "yesterday", "hier" -> {
                s.setPast(i, i + 1);
                return 1;
            }
            case "last" -> {
                String next = tk.at(i + 1);
                if (WEEKDAYS.containsKey(next) && (tk.is(i + 2, "of") || tk.is(i + 2, "in"))) {
                    return 0; // "last Friday of the month"
                }
                if (WEEKDAYS.containsKey(next) || next.equals("week") || next.equals("weekend") || next.equals("month")
                        || next.equals("night") || next.equals("year") || MONTHS.containsKey(next) && !next.equals("may")) {
                    s.setPast(i, i + 2);
                    return 2;
                }
                return 0;
            }
            case "past" -> {
                String next = tk.at(i + 1);
                if ((tk.is(i - 1, "this") || tk.is(i - 1, "the")) && (WEEKDAYS.containsKey(next) || next.equals("week")
                        || next.equals("weekend") || next.equals("month"))) {
                    s.setPast(i - 1, i + 2);
                    return 2;
                }
                return 0;
            }
            case "next", "following", "coming" -> {
                if (tk.is(i + 1, "week") && !tk.is(i + 2, "after") || w.equals("following") && tk.is(i + 1, "week")) {
                    return range(s, nextMonday, nextMonday.plusDays(6), i, i + 2) - i;
                }
                if (tk.is(i + 1, "weekend")) {
                    LocalDate sat = w.equals("next") ? nextMonday.plusDays(5) : monday.plusDays(5);
                    return range(s, sat, sat.plusDays(1), i, i + 2) - i;
                }
                if (tk.is(i + 1, "month")) {
                    YearMonth m = thisMonth.plusMonths(1);
                    return range(s, m.atDay(1), m.atEndOfMonth(), i, i + 2) - i;
                }
                if ((tk.is(i + 1, "few") || tk.is(i + 1, "couple")) && tk.is(i + (tk.is(i + 2, "of") ? 3 : 2), "days")) {
                    int end = i + (tk.is(i + 2, "of") ? 4 : 3);
                    return range(s, s.today, s.today.plusDays(3), tk.is(i - 1, "the") ? i - 1 : i, end) - i;
                }
                return 0;
            }
            case "this" -> {
                if (tk.is(i + 1, "week")) {
                    return range(s, s.today, monday.plusDays(6), i, i + 2) - i;
                }
                if (tk.is(i + 1, "weekend")) {
                    return range(s, monday.plusDays(5), monday.plusDays(6), i, i + 2) - i;
                }
                if (tk.is(i + 1, "month")) {
                    return range(s, s.today, thisMonth.atEndOfMonth(), i, i + 2) - i;
                }
                return 0;
            }
            case "week" -> {
                if (tk.is(i + 1, "after") && tk.is(i + 2, "next")) {
                    int from = tk.is(i - 1, "the") ? i - 1 : i;
                    return range(s, nextMonday.plusWeeks(1), nextMonday.plusDays(13), from, i + 3) - i;
                }
                if (tk.is(i + 1, "of") && tk.is(i - 1, "the")) {
                    s.weekOfAt = i + 2; // "the week of the 20th"
                    s.weekOfFrom = i - 1;
                    return 2;
                }
                return 0;
            }
            case "weekend" -> {
                if (!tk.is(i - 1, "last") && !tk.is(i - 1, "past")) {
                    LocalDate sat = monday.plusDays(5);
                    return range(s, sat, sat.plusDays(1), tk.is(i - 1, "the") ? i - 1 : i, i + 1) - i;
                }
                return 0;
            }
            case "later", "early", "end", "beginning", "start", "middle", "mid", "late", "sometime" -> {
                int j = i + 1;
                if (tk.is(j, "of") || tk.is(j, "in")) {
                    j++;
                }
                if (tk.is(j, "the") && (tk.is(j + 1, "week") || tk.is(j + 1, "month"))) {
                    j++; // "end of the week" = this week
                }
                boolean nextOne = tk.is(j, "next");
                if (nextOne || tk.is(j, "this")) {
                    j++;
                }
                boolean week = tk.is(j, "week");
                if (!week && !tk.is(j, "month")) {
                    return 0;
                }
                int from = tk.is(i - 1, "the") ? i - 1 : i;
                if (week) {
                    LocalDate mon = nextOne ? nextMonday : monday;
                    return switch (w) {
                        case "early", "beginning", "start" -> range(s, mon, mon.plusDays(2), from, j + 1) - i;
                        case "middle", "mid" -> range(s, mon.plusDays(1), mon.plusDays(3), from, j + 1) - i;
                        case "end", "late" -> range(s, mon.plusDays(3), mon.plusDays(6), from, j + 1) - i;
                        case "later" -> range(s, nextOne ? mon.plusDays(2) : s.today.plusDays(1), mon.plusDays(6), from, j + 1) - i;
                        default -> range(s, mon, mon.plusDays(6), from, j + 1) - i;
                    };
                }
                YearMonth m = nextOne ? thisMonth.plusMonths(1) : thisMonth;
                return switch (w) {
                    case "early", "beginning", "start" -> range(s, m.atDay(1), m.atDay(10), from, j + 1) - i;
                    case "middle", "mid" -> range(s, m.atDay(11), m.atDay(20), from, j + 1) - i;
                    case "end", "late" -> range(s, m.atDay(21), m.atEndOfMonth(), from, j + 1) - i;
                    case "later" -> range(s, nextOne ? m.atDay(11) : s.today.plusDays(1), m.atEndOfMonth(), from, j + 1) - i;
                    default -> range(s, m.atDay(1), m.atEndOfMonth(), from, j + 1) - i;
                };
            }
            default -> {
                return 0;
            }
        }
    }

    /** Sets the range said by the words from {@code from} to {@code end} (unresolved when already past); returns end. */
    private static int range(Scan s, LocalDate first, LocalDate last, int from, int end) {
        DateRange r = s.range(first, last, from, end);
        if (r == null) {
            s.setUnresolved(from, end);
        } else {
            s.setRange(r, end);
        }
        return end;
    }

    /**
     * "early November", "mid-December", "the end of January", "in March", "the first week of December",
     * "the last week of November 2026": a range inside a month (the next such month that has not ended).
     */
    private static int monthRange(Scan s, int i) {
        Tokens tk = s.tk;
        String w = tk.t[i];
        int j = i;
        int fromDay;
        int toDay; // 0 = end of month
        if (w.startsWith("mid-") && MONTHS.containsKey(w.substring(4))) {
            return monthRangeAt(s, i, i, MONTHS.get(w.substring(4)), 11, 20, i + 1);
        }
        if (w.equals("the")) {
            j++;
        }
        String q = tk.at(j);
        switch (q) {
            case "early", "beginning", "start" -> {
                fromDay = 1;
                toDay = 10;
            }
            case "mid", "middle" -> {
                fromDay = 11;
                toDay = 20;
            }
            case "late", "end" -> {
                fromDay = 21;
                toDay = 0;
            }
            case "in", "during", "sometime", "this", "next" -> {
                if (j != i) {
                    return 0;
                }
                fromDay = 1;
                toDay = 0;
            }
            case "first", "second", "third", "fourth", "last", "1st", "2nd", "3rd", "4th" -> {
                if (!tk.is(j + 1, "week") || !(tk.is(j + 2, "of") || tk.is(j + 2, "in"))) {
                    return 0;
                }
                int n = switch (q) {
                    case "first", "1st" -> 1;
                    case "second", "2nd" -> 2;
                    case "third", "3rd" -> 3;
                    case "fourth", "4th" -> 4;
                    default -> -1;
                };
                fromDay = n > 0 ? (n - 1) * 7 + 1 : -7;
                toDay = n > 0 ? n * 7 : 0;
                j += 2;
            }
            default -> {
                return 0;
            }
        }
        j++;
        if (tk.is(j, "of") || tk.is(j, "in")) {
            j++;
        }
        if (q.equals("sometime") && tk.is(j, "in")) {
            j++;
        }
        Integer month = MONTHS.get(tk.at(j));
        if (month == null) {
            return 0;
        }
        if (readDay(tk, j + 1, true) >= 0 || tk.is(j + 1, "the") && readDay(tk, j + 2, true) >= 0) {
            return 0; // "in December 15th": a day, read at the month
        }
        if (month == 5 && !(q.equals("in") || q.equals("early") || q.equals("mid") || q.equals("late")
                || q.equals("end") || q.equals("middle") || q.equals("beginning") || q.equals("start"))) {
            return 0;
        }
        return monthRangeAt(s, i, j, month, fromDay, toDay, j + 1);
    }

    private static int monthRangeAt(Scan s, int i, int j, int month, int fromDay, int toDay, int end) {
        int year = s.today.getYear();
        int y = Words.digitsValue(s.tk.at(end));
        boolean yearSaid = y >= 2000 && y <= 2100;
        if (yearSaid) {
            year = y;
            end++;
        }
        YearMonth ym = YearMonth.of(year, month);
        if (!yearSaid && ym.atEndOfMonth().isBefore(s.today)) {
            ym = ym.plusYears(1);
        }
        LocalDate first = fromDay < 0 ? ym.atEndOfMonth().minusDays(6) : ym.atDay(fromDay);
        LocalDate last = toDay == 0 ? ym.atEndOfMonth() : ym.atDay(toDay);
        if (s.date != null && !s.date.isBefore(first) && !s.date.isAfter(last)) {
            s.dateEnd = end; // "Monday the 13th at 11, in October", "next Monday … snow in October!": no new day
            return end - i;
        }
        range(s, first, last, i, end);
        return end - i;
    }

    /** "the first Tuesday of November", "the last Friday of the month", "second Monday in December 2026". */
    private static int ordinalWeekday(Scan s, int i) {
        Tokens tk = s.tk;
        int j = tk.is(i, "the") ? i + 1 : i;
        int n = switch (tk.at(j)) {
            case "first", "1st" -> 1;
            case "second", "2nd" -> 2;
            case "third", "3rd" -> 3;
            case "fourth", "4th" -> 4;
            case "fifth", "5th" -> 5;
            case "last" -> -1;
            default -> 0;
        };
        DayOfWeek dow = WEEKDAYS.get(tk.at(j + 1));
        if (n == 0 || dow == null || !(tk.is(j + 2, "of") || tk.is(j + 2, "in"))) {
            return 0;
        }
        int k = j + 3;
        YearMonth ym;
        boolean named = false;
        if (tk.is(k, "the") && tk.is(k + 1, "month") || tk.is(k, "this") && tk.is(k + 1, "month")) {
            ym = YearMonth.from(s.today);
            k += 2;
        } else if (tk.is(k, "next") && tk.is(k + 1, "month")) {
            ym = YearMonth.from(s.today).plusMonths(1);
            k += 2;
        } else if (MONTHS.containsKey(tk.at(k))) {
            ym = YearMonth.of(s.today.getYear(), MONTHS.get(tk.at(k)));
            k++;
            named = true;
            int y = Words.digitsValue(tk.at(k));
            if (y >= 2000 && y <= 2100) {
                ym = ym.withYear(y);
                k++;
                named = false;
            }
        } else {
            return 0;
        }
        LocalDate d = Holidays.nth(ym.getYear(), ym.getMonth(), dow, n);
        if (named && d != null && d.isBefore(s.today)) {
            d = Holidays.nth(ym.getYear() + 1, ym.getMonth(), dow, n);
            if (d != null && ChronoUnit.DAYS.between(s.today, d) > ROLL_OVER_DAYS) {
                d = null;
            }
        }
        if (d == null || d.isBefore(s.today)) {
            s.setUnresolved(i, k);
        } else {
            s.setDate(d, k);
        }
        return k - i;
    }

    /** Words that may stand before "day" without naming one ("any day", "the same day"). */
    private static final Set<String> DAY_WORDS = Words.setOf("the", "a", "an", "that", "this", "any", "same", "next",
            "every", "one", "whole", "full", "first", "last", "each", "some", "other", "work", "working", "good", "big",
            "busy", "long", "school", "business", "week", "which", "what", "my", "your", "his", "her", "our", "their",
            "half", "sick", "nice", "great", "bad", "whatever", "another", "different", "specific", "particular",
            "second", "third", "previous", "following", "certain", "single", "open", "free", "off", "later",
            "earlier", "it", "it's", "today's", "tomorrow's", "one's", "that's", "is", "i", "i'm", "so", "ok",
            "okay", "sure", "yes", "no", "hi", "hello", "well", "and", "or", "but", "then", "of", "for", "on", "in",
            "at", "to", "by", "from", "with", "same-day", "new", "all", "entire", "rest");

    /**
     * A named day Bella does not know ("on Flag Day", "St. Swithin's Day"): a capitalised or possessive word
     * before "day" that is not a weekday, a month or an ordinary word. Unresolved, so the caller is asked.
     */
    private static int unknownNamedDay(Scan s, int i) {
        Tokens tk = s.tk;
        if (!tk.is(i + 1, "day")) {
            return 0;
        }
        String w = tk.t[i];
        String o = tk.orig[i];
        if (DAY_WORDS.contains(w) || WEEKDAYS.containsKey(w) || MONTHS.containsKey(w) || Words.numberWord(w) >= 0
                || Character.isDigit(w.charAt(0)) || w.length() < 2) {
            return 0;
        }
        boolean capitalised = Character.isUpperCase(o.charAt(0)) && o.length() > 1 && Character.isLowerCase(o.charAt(1));
        if (!capitalised && !w.endsWith("'s")) {
            return 0;
        }
        int from = i;
        if (tk.is(i - 1, "st") || tk.is(i - 1, "saint")) {
            from = i - 1;
        }
        s.setUnresolved(from, i + 2);
        return 2;
    }

    /**
     * "same time tomorrow", "the same time next week", "same day next week": the time (or day) of what the caller
     * refers to — the appointment being moved, else now ({@link ParseContext#sameTimeReference()}). "Next week"
     * after it is that day a week later, not any day of next week.
     */
    private static int sameTime(Scan s, int i) {
        Tokens tk = s.tk;
        boolean time = tk.is(i + 1, "time") || tk.is(i + 1, "hour"); // "at the same hour"
        if (!time && !tk.is(i + 1, "day")) {
            return 1;
        }
        LocalDateTime ref = s.ctx.sameTimeReference();
        if (time) {
            s.setFixed(ref.toLocalTime());
        }
        int j = i + 2;
        if (tk.is(j, "as") && (tk.is(j + 1, "before") || tk.is(j + 1, "usual") || tk.is(j + 1, "always"))) {
            j += 2; // "same time as usual"
        }
        if (tk.is(j, "next") && tk.is(j + 1, "week")) {
            s.setDate(ref.toLocalDate().plusWeeks(1), j + 2);
            return j + 2 - i;
        }
        if (!time) {
            s.setDate(ref.toLocalDate(), j); // "the same day, at 4"
        }
        return j - i;
    }

    /**
     * "an hour later", "30 minutes earlier", "a day later", "a week later": the appointment being moved (or the time
     * on the table), shifted — only when the context has one ({@link ParseContext#sameAs()}); else 0.
     */
    private static int shiftedReference(Scan s, int i) {
        if (s.ctx.sameAs() == null) {
            return 0;
        }
        Tokens tk = s.tk;
        int j = tk.is(i, "in") ? i + 1 : i; // "could I come in half an hour earlier": not half an hour from now
        long amount;
        if (tk.is(j, "half") && (tk.is(j + 1, "an") || tk.is(j + 1, "a")) && tk.is(j + 2, "hour")) {
            amount = 30;
            j += 3;
        } else {
            if (tk.is(j, "a") || tk.is(j, "an")) {
                amount = 1;
                j++;
            } else {
                int r = Words.readNumber(tk, j);
                if (r < 0 || (r >> 2) < 1 || (r >> 2) > 120) {
                    return 0;
                }
                amount = r >> 2;
                j += r & 3;
            }
            String unit = tk.at(j);
            ChronoUnit u = unit.startsWith("minute") || unit.equals("mins") ? ChronoUnit.MINUTES
                    : unit.startsWith("hour") ? ChronoUnit.HOURS : unit.startsWith("day") ? ChronoUnit.DAYS
                    : unit.startsWith("week") ? ChronoUnit.WEEKS : null;
            if (u == null) {
                return 0;
            }
            amount = u.getDuration().toMinutes() * amount;
            j++;
        }
        boolean later = tk.is(j, "later") || tk.is(j, "after");
        if (!later && !tk.is(j, "earlier") && !tk.is(j, "before")) {
            return 0;
        }
        if (tk.is(j + 1, "than") || !tk.is(j, "later") && !tk.is(j, "earlier") && !tk.at(j + 1).isEmpty()) {
            return 0; // "an hour after lunch", "a day before Christmas": counted from something else
        }
        LocalDateTime moved = s.ctx.sameAs().plusMinutes(later ? amount : -amount);
        s.setDate(moved.toLocalDate(), j + 1);
        s.setFixed(moved.toLocalTime());
        return j + 1 - i;
    }

    /**
     * "the earliest you have", "as soon as possible", "first available", "whatever you have soonest": any day from
     * today on, so the first free times are offered. A day said as well wins ("the earliest on Friday").
     */
    private static int soonest(Scan s, int i) {
        Tokens tk = s.tk;
        String w = tk.t[i];
        int used = 0;
        if (w.equals("earliest") || w.equals("soonest") || w.equals("asap")) {
            used = 1;
        } else if (w.equals("as") && tk.is(i + 1, "soon") && tk.is(i + 2, "as") && tk.is(i + 3, "possible")) {
            used = 4;
        } else if ((w.equals("first") || w.equals("next")) && (tk.is(i + 1, "available") || tk.is(i + 1, "opening")
                || tk.is(i + 1, "free") && !tk.is(i + 2, "day"))) {
            used = 2;
        }
        if (used == 0) {
            return 0;
        }
        if (saysItIs(tk, w.equals("earliest") || w.equals("soonest") ? i - 1 : i)) {
            return used; // "if that's the earliest then yes", "is that the soonest?": about the time offered
        }
        if (s.date == null && s.range == null && s.unresolved == null) {
            s.setRange(new DateRange(s.today, null, Set.of(), "I have"), i + used); // "the first free times I have"
        }
        return used;
    }

    /** "that's the …", "is that the …", "it was the …" just before {@code i}: said of a time on the table. */
    private static boolean saysItIs(Tokens tk, int i) {
        int j = tk.is(i - 1, "the") ? i - 1 : i;
        String before = tk.at(j - 1);
        return before.equals("that's") || before.equals("it's") || before.equals("thats") || before.equals("its")
                || (before.equals("that") || before.equals("it")) && (tk.is(j - 2, "is") || tk.is(j - 2, "was"))
                || (before.equals("is") || before.equals("was")) && (tk.is(j - 2, "that") || tk.is(j - 2, "it"));
    }

    /** Words that end a street's name: "I live at 1230 Elbow Dr. SW" holds no time. */
    private static final Set<String> STREET_WORDS = Words.setOf("street", "st", "avenue", "ave", "road", "rd", "drive",
            "dr", "boulevard", "blvd", "lane", "ln", "way", "crescent", "cres", "court", "ct", "place", "pl", "trail",
            "highway", "hwy", "sw", "nw", "se", "ne");

    private static boolean streetFollows(Tokens tk, int i) {
        for (int k = i; k < i + 3 && k < tk.n; k++) {
            if (STREET_WORDS.contains(tk.t[k])) {
                return true;
            }
            if (isDayWord(tk.t[k]) || isTimeFollower(tk.t[k])) {
                return false;
            }
        }
        return false;
    }

    /** Whether a clock time begins at {@code i}: digits or a number word up to twelve. */
    private static boolean readClockAhead(Tokens tk, int i) {
        int r = Words.readNumber(tk, i);
        return r >= 0 && r >> 2 >= 1 && r >> 2 <= 12 || tk.at(i).matches("\\d{1,2}:\\d{2}");
    }

    /** "first", "21st", "twenty-first": a day of the month. */
    private static boolean ordinalSaid(String w) {
        return Words.ordinalWord(w) > 0 || w.matches("\\d+(?:st|nd|rd|th)")
                || w.indexOf('-') > 0 && Words.ordinalWord(w.substring(w.lastIndexOf('-') + 1)) > 0;
    }

    /** Words that put a clock time after them ("that day at one", "the Monday after one"). */
    private static final Set<String> BEFORE_A_CLOCK = Words.setOf("at", "by", "after", "before", "past", "till", "til",
            "until", "from", "around", "about", "to", "or", "and");
    /** Words two before "one" that make it a pronoun with a word between ("the grey one", "that early one"). */
    private static final Set<String> DETERMINERS = Words.setOf("the", "this", "that", "which", "another");

    /** Words before "one" that make it a pronoun ("this one", "the one after"), not one o'clock. */
    private static final Set<String> PRONOUN_BEFORE_ONE = Words.setOf("this", "that", "the", "which", "each", "any",
            "other", "another", "no", "every", "morning", "afternoon", "evening", "early", "earlier", "late", "later",
            "same", "o'clock", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

    /**
     * "Friday at 4 — not this one, the one after", "Tuesday, the following one": after a weekday, the same weekday a
     * week later (the time said stays). Nothing without a weekday before it, nor when a day follows ("the one after
     * the 20th" is read by the rules for days).
     */
    private static int theOneAfter(Scan s, int i) {
        Tokens tk = s.tk;
        int used = tk.is(i, "the") && tk.is(i + 1, "one") && tk.is(i + 2, "after") ? 3
                : tk.is(i, "the") && (tk.is(i + 1, "following") || tk.is(i + 1, "next")) && tk.is(i + 2, "one") ? 3 : 0;
        if (used == 0 || s.date == null || s.lastWeekday == null || s.date.getDayOfWeek() != s.lastWeekday) {
            return 0;
        }
        if (tk.is(i + used, "that")) {
            used++;
        }
        if (isDayWord(tk.at(i + used)) || tk.is(i + used, "the") || Words.isDigits(tk.at(i + used))) {
            return 0;
        }
        s.setDate(s.date.plusWeeks(1), i + used);
        return used;
    }

    /** "in 2 days", "in a week", "in two hours", "in half an hour", "dans 2 jours". */
    private static int relative(Scan s, int i) {
        Tokens tk = s.tk;
        if (!(tk.is(i, "in") || tk.is(i, "dans"))) {
            return fromAnchor(s, i);
        }
        int j = i + 1;
        if (tk.is(j, "about") || tk.is(j, "around") || tk.is(j, "like") || tk.is(j, "roughly")) {
            j++;
        }
        long minutes = -1;
        long days = -1;
        long months = -1;
        if (tk.is(j, "half") && (tk.is(j + 1, "an") || tk.is(j + 1, "a")) && tk.is(j + 2, "hour")) {
            minutes = 30;
            j += 3;
        } else if (tk.is(j, "half") && tk.is(j + 1, "hour")) {
            minutes = 30;
            j += 2;
        } else if (tk.is(j, "a") && tk.is(j + 1, "half") && tk.is(j + 2, "hour")) {
            minutes = 30;
            j += 3;
        } else if (tk.is(j, "half-hour") || tk.is(j, "a") && tk.is(j + 1, "half-hour")) {
            minutes = 30;
            j += tk.is(j, "a") ? 2 : 1;
        } else {
            int amount;
            int used;
            String a = tk.at(j);
            if (a.equals("a") || a.equals("an") || a.equals("one") || a.equals("un") || a.equals("une")) {
                amount = 1;
                used = 1;
                if (tk.is(j + 1, "couple")) {
                    amount = 2;
                    used = tk.is(j + 2, "of") ? 3 : 2;
                } else if (tk.is(j + 1, "few")) {
                    amount = 3;
                    used = 2;
                }
            } else if (a.equals("couple")) {
                amount = 2;
                used = tk.is(j + 1, "of") ? 2 : 1;
            } else {
                int r = Words.readNumber(tk, j);
                if (r < 0) {
                    return 0;
                }
                amount = r >> 2;
                used = r & 3;
            }
            j += used;
            String unit = tk.at(j);
            switch (unit) {
                case "minute", "minutes", "min", "mins" -> minutes = amount;
                case "hour", "hours", "hr", "hrs", "heure", "heures" -> {
                    minutes = amount * 60L;
                    if (tk.is(j + 1, "and") && tk.is(j + 2, "a") && tk.is(j + 3, "half")) {
                        minutes += 30;
                        j += 3;
                    }
                }
                case "day", "days", "jour", "jours" -> days = amount;
                case "week", "weeks", "semaine", "semaines" -> {
                    if (tk.is(j + 1, "tomorrow") || tk.is(j + 1, "today") || tk.is(j + 1, "on")
                            || WEEKDAYS.containsKey(tk.at(j + 1))) {
                        int anchored = fromAnchor(s, i + 1); // "come in a week tomorrow"
                        return anchored > 0 ? anchored + 1 : 0;
                    }
                    days = amount * 7L;
                }
                case "month", "months", "mois" -> months = amount;
                default -> {
                    return 0;
                }
            }
            j++;
        }
        if (minutes > 24 * 60 || days > 366 || months > 12) {
            return 0;
        }
        if (tk.is(j, "from") && tk.is(j + 1, "now")) {
            j += 2;
        }
        if (minutes >= 0) {
            ZonedDateTime at = s.ctx.now().plusMinutes(minutes).plusSeconds(30).truncatedTo(ChronoUnit.MINUTES);
            s.setDate(at.toLocalDate(), j);
            s.setFixed(at.toLocalTime());
        } else if (days >= 0) {
            s.setDate(s.today.plusDays(days), j);
        } else {
            s.setDate(s.today.plusMonths(months), j);
        }
        return j - i;
    }

    // -- times ---------------------------------------------------------------------------------------

    private static boolean isTimeFollower(String w) {
        return w.equals("am") || w.equals("pm") || w.equals("o'clock") || w.equals("h") || w.equals("heures")
                || w.equals("heure");
    }

    private static boolean hasCue(Scan s, int i) {
        Tokens tk = s.tk;
        if (counts(tk, i)) {
            return false;
        }
        if (s.expectTime) {
            return true;
        }
        String prev = tk.at(i - 1);
        if (CUES.contains(prev) || s.dateEnd == i) {
            return true;
        }
        if (prev.equals("it") && tk.is(i - 2, "make")) {
            return true;
        }
        if (prev.equals("be") && (tk.is(i - 2, "should") || tk.is(i - 2, "would"))
                && (tk.is(i - 3, "time") || tk.is(i - 3, "it")) || (prev.equals("is") || prev.equals("was"))
                && tk.is(i - 2, "time") && tk.is(i - 3, "the")) {
            return true; // "the time should be 2", "it should be 3", "the time is 2 not 1"
        }
        if (prev.equals("the") && tk.is(i - 2, "at")) {
            return true; // "at the 3": an hour
        }
        if (prev.equals("the") && s.dateEnd == i - 1) {
            return false;
        }
        boolean hadSomething = s.hour >= 0 || s.date != null;
        if (hadSomething && (Words.isCorrectionMarker(prev) || CORRECTIONS.contains(prev))) {
            return true;
        }
        if ((s.date != null || s.range != null || s.part != null) && HEDGES.contains(prev)) {
            return true; // "Thursday after lunch, say one thirty", "Friday, maybe two"
        }
        // "Friday, um, 3" after filler removal is covered by dateEnd; "tomorrow morning 10" by part
        if (MEALTIME.contains(prev) && (tk.is(i - 2, "after") || tk.is(i - 2, "before"))) {
            return true; // "Thursday after lunch, like one thirty"
        }
        return PARTS.containsKey(prev) && !tk.is(i - 2, "good");
    }

    /** Words after which a number labels something: "unit 9", "policy number 4 4 1". */
    private static final Set<String> LABELS = Words.setOf("unit", "suite", "apartment", "apt", "room", "number", "no.",
            "policy", "box", "floor", "ext", "extension", "account", "card", "id", "#", "highway", "hwy", "route",
            "exit", "bus", "gate", "platform");

    /**
     * A bare number that is no time even when a time was asked for: after a label ("unit 9"), an age ("my son is 10",
     * "I'm eighty two"), one of a run of single digits ("4 4 1 9 0 2") or next to a single letter (a postal code:
     * "T 2 P 1 J 9").
     */
    private static boolean counts(Tokens tk, int i) {
        String prev = tk.at(i - 1);
        int tens = Words.numberWord(prev);
        if (tens >= 20 && tens % 10 == 0 && counts(tk, i - 1)) {
            return true; // the "two" of "I'm eighty two"
        }
        if (LABELS.contains(prev) || Words.saysAge(tk, i)) {
            return true;
        }
        if (prev.length() == 1 && Character.isLetter(prev.charAt(0)) && !prev.equals("a") && !prev.equals("i")) {
            return true;
        }
        int from = i;
        while (from > 0 && singleDigit(tk.at(from - 1))) {
            from--;
        }
        int to = i;
        while (singleDigit(tk.at(to))) {
            to++;
        }
        return to - from >= 4;
    }

    private static boolean singleDigit(String w) {
        return w.length() == 1 && Character.isDigit(w.charAt(0));
    }

    /**
     * "No, 3, not 2", "not 2, 3": a bare number set against another as a correction is a time (the answer to a
     * read-back); the number is read from i to j.
     */
    private static boolean contrasted(Tokens tk, int i, int j) {
        boolean against = tk.is(j, "not") && Words.readNumber(tk, j + 1) >= 0
                && (i == 0 || tk.is(i - 1, "no") || tk.is(i - 1, "nope") || tk.is(i - 1, "it's"));
        return against || tk.is(i - 2, "not") && Words.readNumber(tk, i - 1) >= 0 && j == tk.n;
    }

    /** am/pm or a day-part phrase right after a time; returns tokens used, sets explicit half-day. */
    private static int suffix(Scan s, int j, int[] halfOut) {
        Tokens tk = s.tk;
        String w = tk.at(j);
        if (w.equals("am")) {
            halfOut[0] = 1;
            return 1;
        }
        if (w.equals("pm")) {
            halfOut[0] = 2;
            return 1;
        }
        DayPart p = null;
        int used = 0;
        if ((w.equals("in") || w.equals("of")) && tk.is(j + 1, "the")) {
            p = PARTS.get(tk.at(j + 2)); // "in the afternoon", "3 of the afternoon"
            used = 3;
        } else if (w.equals("at") && tk.is(j + 1, "night")) {
            p = DayPart.EVENING;
            used = 2;
        } else if ((w.equals("du") || w.equals("de")) && PARTS.containsKey(tk.at(j + 1))) {
            p = PARTS.get(tk.at(j + 1));
            used = 2;
        } else if (w.equals("this") && PARTS.containsKey(tk.at(j + 1))) {
            p = PARTS.get(tk.at(j + 1));
            s.setDate(s.today, s.dateEnd);
            used = 2;
        } else if (w.equals("tonight")) {
            p = DayPart.EVENING;
            s.setDate(s.today, s.dateEnd);
            used = 1;
        }
        if (p == null) {
            return 0;
        }
        s.part = p;
        halfOut[0] = p == DayPart.MORNING ? 1 : 2;
        return used;
    }

    /** Applies am/pm (half 1 = am, 2 = pm) to an hour 1-12. */
    private static int applyHalf(int h, int half) {
        if (h > 12) {
            return h;
        }
        return half == 1 ? h % 12 : h % 12 + 12;
    }

    /** Reads minutes after an hour: "30", "thirty", "forty five", "oh five". Packed or -1. */
    private static int readMinutes(Tokens tk, int j) {
        String w = tk.at(j);
        if (w.isEmpty()) {
            return -1;
        }
        if (Words.isDigits(w)) {
            int v = Integer.parseInt(w);
            return w.length() == 2 && v <= 59 ? v * 4 + 1 : -1;
        }
        if (w.equals("oh") || w.equals("o") || w.equals("zero")) {
            String n = tk.at(j + 1);
            int u = n.length() == 1 ? Words.digitsValue(n) : Words.numberWord(n);
            return u >= 1 && u <= 9 && !n.equals("o") && !n.equals("oh") ? u * 4 + 2 : -1;
        }
        int r = Words.readNumber(tk, j);
        if (r < 0) {
            return -1;
        }
        int v = r >> 2;
        return v >= 10 && v <= 59 ? r : -1;
    }

    /** Words after an ordinal that make it a choice or a part, not a day of the month. */
    private static final Set<String> ORDINAL_NOUNS = Words.setOf("thing", "available", "opening", "free", "slot",
            "name", "names", "option", "choice", "letter", "digit", "digits", "number", "part");

    /** Words joining the two ends of a window of time ("10 to 11", "1 till 3", "between 2 and 4"). */
    private static final Set<String> WINDOW_JOINS = Words.setOf("to", "till", "til", "until", "through", "-", "and");

    /**
     * A window of time: "between 10 and 11", "from 1 to 3 pm", "tomorrow 1 to 3". The caller asks for its start;
     * an am/pm or day part said once belongs to both ends ("between 2 and 4 pm" is 2 pm). Without "between" or
     * "from", a first number that reads as minutes to the hour ("ten to eleven", "five to three") is left to
     * {@link #pastTo}.
     */
    private static int clockWindow(Scan s, int i) {
        Tokens tk = s.tk;
        boolean opened = tk.is(i, "between") || tk.is(i, "from");
        int at = opened ? i + 1 : i;
        Scan start = s.copy();
        int used = opened ? timeAsked(start, at, false) : time(start, at);
        if (used <= 0 || start.fixedTime != null && !opened) {
            return 0;
        }
        if (opened && !WINDOW_JOINS.contains(tk.at(at + used))) {
            start = s.copy();
            used = timeAsked(start, at, true); // "between quarter to ten and eleven"
        }
        int join = at + used;
        String joinWord = tk.at(join);
        if (used <= 0 || !WINDOW_JOINS.contains(joinWord) || joinWord.equals("and") && !tk.is(i, "between")) {
            return 0;
        }
        if (!opened && joinWord.equals("to") && Words.readNumber(tk, at) >= 0
                && (Words.readNumber(tk, at) >> 2) % 5 == 0) {
            return 0; // "ten to eleven" is 10:50
        }
        Scan end = s.copy();
        int endUsed = timeAsked(end, join + 1, true);
        int after = join + 1 + endUsed;
        if (endUsed <= 0 || MONTHS.containsKey(tk.at(after)) || tk.is(after, "of") || UNITS.contains(tk.at(after))) {
            return 0; // "between 14 and 16 October" is days, "from 2 to 3 hours" a length
        }
        s.restore(end); // a day part or "this afternoon" said after the end
        if (start.part != null) {
            s.part = start.part;
        }
        if (start.fixedTime != null) {
            s.setFixed(start.fixedTime);
        } else if (!start.explicit && end.explicit && end.fixedTime == null && start.hour <= 12) {
            int pm = start.hour % 12 + 12;  // "between 2 and 4 pm", "from 11 to 1 pm" (11 am)
            boolean sameHalf = end.hour >= 12 && pm <= end.hour;
            s.setClock(sameHalf ? pm : start.hour % 12, start.minute, true);
        } else {
            s.setClock(start.hour, start.minute, start.explicit);
        }
        return after - i;
    }

    /**
     * A clock time read at {@code j} as if a time were expected there ("between 10 ..."), into {@code s};
     * {@code minutesTo} also reads "quarter to ten", "five past two".
     */
    private static int timeAsked(Scan s, int j, boolean minutesTo) {
        if (j >= s.tk.n) {
            return 0;
        }
        String w = s.tk.t[j];
        if (w.equals("noon") || w.equals("midday")) {
            s.setFixed(LocalTime.NOON);
            return 1;
        }
        Scan asked = new Scan(s.tk, s.ctx, true);
        asked.restore(s);
        int used = minutesTo ? pastTo(asked, j) : 0;
        if (used <= 0) {
            used = time(asked, j);
        }
        if (used > 0) {
            s.restore(asked);
        }
        return used;
    }

    /** "half past two", "quarter to five", "ten past three", "twenty to four", "quarter of five". */
    private static int pastTo(Scan s, int i) {
        Tokens tk = s.tk;
        String w = tk.t[i];
        int min;
        int j;
        if (w.equals("half")) {
            min = 30;
            j = i + 1;
        } else if (w.equals("quarter")) {
            min = 15;
            j = i + 1;
        } else if (w.equals("a") && tk.is(i + 1, "quarter")) {
            min = 15;
            j = i + 2;
        } else {
            int r = Words.readNumber(tk, i);
            if (r < 0) {
                return 0;
            }
            min = r >> 2;
            j = i + (r & 3);
            if (tk.is(j, "minutes")) {
                j++;
            }
            if (min < 1 || min > 29) {
                return 0;
            }
        }
        String rel = tk.at(j);
        if (w.equals("half") && !rel.equals("past")) {
            int hr = Words.readNumber(tk, j);
            int h = hr >> 2;
            int k = j + (hr & 3);
            if (hr < 0 || h < 1 || h > 12 || UNITS.contains(tk.at(k)) || tk.is(k, "of")) {
                return 0;
            }
            return clock(s, i, k, h, 30, false); // "half two": half past two, as said in Britain and Ireland
        }
        boolean past = rel.equals("past") || rel.equals("after") && !w.equals("half");
        boolean to = rel.equals("to") || rel.equals("till") || rel.equals("til")
                || rel.equals("of") && w.equals("quarter") && !tk.is(j + 1, "an");
        if (!past && !to || w.equals("half") && to) {
            return 0;
        }
        if (rel.equals("after") && !(w.equals("quarter") || Words.readNumber(tk, i) >= 0)) {
            return 0;
        }
        j++;
        int hr = Words.readNumber(tk, j);
        if (hr < 0) {
            return 0;
        }
        int h = hr >> 2;
        j += hr & 3;
        if (h < 1 || h > 23 || UNITS.contains(tk.at(j))) {
            return 0;
        }
        if (to) {
            h = h == 1 ? 12 : h == 13 ? 12 : h - 1;
            min = 60 - min;
        }
        return clock(s, i, j, h, min, h > 12);
    }

    /** Stores a read clock time, applying an am/pm suffix; returns the tokens consumed from i. */
    private static int clock(Scan s, int i, int j, int h, int m, boolean explicit24) {
        int[] half = new int[1];
        int used = suffix(s, j, half);
        if (half[0] != 0 && h <= 12) {
            s.setClock(applyHalf(h, half[0]), m, true);
        } else {
            s.setClock(h, m, explicit24 || h > 12 || h == 0);
        }
        return j - i + used;
    }

    private static int time(Scan s, int i) {
        Tokens tk = s.tk;
        String w = tk.t[i];
        char c0 = w.charAt(0);
        if (Character.isDigit(c0)) {
            int colon = w.indexOf(':');
            if (colon > 0) {
                String hs = w.substring(0, colon);
                String ms = w.substring(colon + 1);
                int h = Words.digitsValue(hs);
                int m = Words.digitsValue(ms);
                if (h < 0 || h > 23 || m < 0 || m > 59 || ms.length() != 2 || hs.length() > 2) {
                    return 0;
                }
                return clock(s, i, i + 1, h, m, hs.length() == 2 && hs.charAt(0) == '0' || h > 12 || h == 0);
            }
            int dot = w.indexOf('.');
            if (dot > 0 && dot <= 2 && w.length() == dot + 3 && (hasCue(s, i) || isTimeFollower(tk.at(i + 1)))) {
                // "9.30 am", "at 14.15": the British way of writing a clock time (never a decimal after "at")
                int h = Words.digitsValue(w.substring(0, dot));
                int m = Words.digitsValue(w.substring(dot + 1));
                if (h < 0 || h > 23 || m < 0 || m > 59) {
                    return 0;
                }
                return clock(s, i, i + 1, h, m, dot == 2 && w.charAt(0) == '0' || h > 12 || h == 0);
            }
            if (!Words.isDigits(w) || w.length() > 4) {
                return 0; // a long digit string is no time (and no int)
            }
            int v = Integer.parseInt(w);
            String next = tk.at(i + 1);
            if (w.length() >= 3) {
                // "1430 hours", "230 pm", "1030 am"
                int h = v / 100;
                int m = v % 100;
                if (w.length() > 4 || h > 23 || m > 59) {
                    return 0;
                }
                if (next.equals("hours") || next.equals("hrs")) {
                    s.setClock(h, m, true);
                    return 2;
                }
                if (next.equals("am") || next.equals("pm")) {
                    if (h < 1 || h > 12) {
                        return 0;
                    }
                    return clock(s, i, i + 1, h, m, false);
                }
                boolean dayFollows = w.length() == 4 && (next.equals("on") || isDayWord(next));
                if ((CUES.contains(tk.at(i - 1)) || dayFollows) && m % 5 == 0 && (h >= 1 || w.length() == 4)
                        && !UNITS.contains(next) && !streetFollows(tk, i + 1)) {
                    // "at 230", "at 1030" as the recogniser writes "two thirty"; "at 1400" is 24-hour
                    return clock(s, i, i + 1, h, m, w.length() == 4 && (h == 0 || h > 12 || w.charAt(0) == '0'));
                }
                return 0;
            }
            if (v > 23) {
                return 0;
            }
            if (next.equals("h") || next.equals("heures") || next.equals("heure")) {
                int m = 0;
                int j = i + 2;
                int r = readMinutes(tk, j);
                if (r >= 0) {
                    m = r >> 2;
                    j += r & 3;
                }
                return clock(s, i, j, v, m, v > 12 || v == 0);
            }
            return spokenOrDigitClock(s, i, v, 1);
        }
        if (w.equals("one") && (PRONOUN_BEFORE_ONE.contains(tk.at(i - 1))
                || DETERMINERS.contains(tk.at(i - 2)) && Words.readNumber(tk, i - 1) < 0
                        && !ordinalSaid(tk.at(i - 1)) && !isDayWord(tk.at(i - 1))
                        && !HEDGES.contains(tk.at(i - 1)) && !BEFORE_A_CLOCK.contains(tk.at(i - 1)))
                && !isTimeFollower(tk.at(i + 1)) && readMinutes(tk, i + 1) < 0) {
            return 0; // "not this one", "the one after", "the grey one": a pronoun ("the one o'clock" stays a time)
        }
        int r = Words.readNumber(tk, i);
        if (r < 0) {
            return 0;
        }
        int v = r >> 2;
        int j = i + (r & 3);
        boolean hours = tk.is(j + 1, "hours") || tk.is(j + 1, "hrs");
        boolean amount = UNITS.contains(tk.at(j + 1)) || tk.is(j + 1, "and"); // "twelve hundred dollars", "… and fifty"
        if (v <= 23 && tk.is(j, "hundred") && (v >= 10 && !amount || hours)) {
            s.setClock(v, 0, true); // "fourteen hundred", "ten hundred", "nine hundred hours" ("nine hundred" is 900)
            return j + 1 - i + (hours ? 1 : 0);
        }
        if (v > 12 && v <= 23) {
            int mr = readMinutes(tk, j);
            if (mr >= 0 && !UNITS.contains(tk.at(j + (mr & 3))) && (mr >> 2) % 5 == 0) {
                s.setClock(v, mr >> 2, true); // "fourteen thirty"
                int end = j + (mr & 3);
                return end - i + (tk.is(end, "hours") || tk.is(end, "hrs") ? 1 : 0);
            }
        }
        if (v > 12 && v <= 23 && (tk.is(j, "hours") || tk.is(j, "hour"))) {
            return spokenOrDigitClock(s, i, v, r & 3); // "at fourteen hours", as "at eleven hours"
        }
        if (v > 12 || v < 1) {
            return 0;
        }
        return spokenOrDigitClock(s, i, v, r & 3);
    }

    /** Hour {@code h} read at i using {@code used} tokens; minutes, "o'clock", am/pm may follow. */
    private static int spokenOrDigitClock(Scan s, int i, int h, int used) {
        Tokens tk = s.tk;
        int j = i + used;
        String next = tk.at(j);
        if ((next.equals("hours") || next.equals("hrs") || next.equals("hour")) && tk.is(i - 1, "at") && h <= 23) {
            s.setClock(h, 0, true); // "at eleven hours": the hour, as said in many languages
            return used + 1;
        }
        int andHalf = next.equals("and") && tk.is(j + 1, "half") ? 2
                : next.equals("and") && tk.is(j + 1, "a") && tk.is(j + 2, "half") ? 3 : 0;
        if (andHalf > 0 && !UNITS.contains(tk.at(j + andHalf)) && h <= 12 && hasCue(s, i)) {
            return clock(s, i, j + andHalf, h, 30, false); // "at nine and half": half past nine
        }
        if (next.equals("and") && h <= 12 && hasCue(s, i) && !tk.is(i - 1, "between") && !tk.is(i - 1, "from")) {
            // "10 and a quarter", "at 9 and 40": the minutes after the hour, as said in many languages
            int q = tk.is(j + 1, "quarter") ? 1 : tk.is(j + 1, "a") && tk.is(j + 2, "quarter") ? 2 : 0;
            String after = tk.at(j + 1 + q);
            if (q > 0 && !UNITS.contains(after) && !after.equals("to") && !after.equals("past") && !after.equals("of")) {
                return clock(s, i, j + 1 + q, h, 15, false);
            }
            int mr = readMinutes(tk, j + 1);
            if (mr >= 0 && (mr >> 2) >= 5 && (mr >> 2) % 5 == 0 && !UNITS.contains(tk.at(j + 1 + (mr & 3)))) {
                return clock(s, i, j + 1 + (mr & 3), h, mr >> 2, false);
            }
        }
        boolean ofDayPart = next.equals("of") && tk.is(j + 1, "the") && PARTS.containsKey(tk.at(j + 2));
        if (UNITS.contains(next) && !ofDayPart || andHalf > 0) {
            return 0; // "2 hours", "3 days", "2 of them", "2 and a half hours"; not "3 of the afternoon"
        }
        if (next.equals("noon") && h == 12) {
            s.setFixed(LocalTime.NOON);
            return used + 1;
        }
        if (next.equals("o'clock")) {
            return clock(s, i, j + 1, h, 0, false);
        }
        int m = 0;
        int mr = h <= 12 ? readMinutes(tk, j) : -1;
        if (mr >= 0 && (mr >> 2) == h && tk.t[j].equals(tk.t[i]) && !Character.isDigit(tk.t[i].charAt(0))
                && (readMinutes(tk, j + 1) >= 0 || isTimeFollower(tk.at(j + 1)))) {
            int again = spokenOrDigitClock(s, j, h, used); // "eleven, eleven o'clock": the hour said again, not 11:11
            int said = readMinutes(tk, j + used);
            if (again == 0 && said >= 0 && hasCue(s, i)) {
                return clock(s, i, j + used + (said & 3), h, said >> 2, false); // "at eleven, eleven fifteen"
            }
            return again > 0 ? j - i + again : 0;
        }
        if (mr >= 0 && !UNITS.contains(tk.at(j + (mr & 3)))) {
            m = mr >> 2;
            j += mr & 3;
        } else {
            mr = -1;
        }
        boolean approximate = tk.is(j, "ish"); // "two-ish": a time said roughly is still a time
        if (approximate) {
            j++;
        }
        int[] half = new int[1];
        int sfx = suffix(s, j, half);
        // "eleven thirty on Tuesday", "two fifteen tomorrow": an hour and its minutes in words before a day
        boolean beforeDay = mr >= 0 && m >= 10 && !Character.isDigit(tk.t[i].charAt(0))
                && (isDayWord(tk.at(j)) || tk.is(j, "on") && (isDayWord(tk.at(j + 1))
                        || tk.is(j + 1, "the") && readDay(tk, j + 2, true) >= 0));
        boolean cue = approximate || beforeDay || hasCue(s, i) || contrasted(tk, i, j);
        if (half[0] == 0 && !cue) {
            return 0;
        }
        if (mr < 0 && Character.isDigit(tk.t[i].charAt(0)) && tk.t[i].length() == 2 && h >= 13) {
            s.setClock(h, 0, true); // "at 14"
            return j - i + sfx;
        }
        if (half[0] != 0 && h <= 12) {
            s.setClock(applyHalf(h, half[0]), m, true);
        } else {
            s.setClock(h, m, h > 12 || h == 0);
        }
        return j - i + sfx;
    }

    // -- result --------------------------------------------------------------------------------------

    private static WhenPhrase finish(Scan s) {
        if (s.shiftAt >= 0 && s.dateEnd <= s.shiftFrom) {
            LocalDate anchor = s.date != null ? s.date : s.negatedDate;
            LocalDate fromReference = s.ctx.sameAs() == null || s.shiftDow != null ? null
                    : s.ctx.sameAs().toLocalDate().plusDays(s.shiftDays);
            if (fromReference != null && !fromReference.isBefore(s.today) && (anchor == null
                    || s.date != null && s.date.getDayOfWeek() == fromReference.getDayOfWeek())) {
                // moving an appointment: "the day after" is the day after it ("do Thursday instead, so the day after")
                s.setDate(fromReference, s.shiftAt);
            } else if (anchor != null && s.shiftDow == null && s.shiftDays > 0) {
                // "not tomorrow, the day after", "Monday, or a day after that": counted from the day said before
                s.setDate(anchor.plusDays(s.shiftDays), s.shiftAt);
            } else {
                s.setUnresolved(s.shiftFrom, s.shiftAt); // "the day after", "two weeks from" and no day to count from
            }
        }
        DateRange range = s.range;
        if (range != null && !range.weekdays().isEmpty() && range.single() != null) {
            s.date = range.single(); // "Tuesday next week", "next week on Tuesday": one day
            range = null;
        }
        LocalTime time = null;
        boolean explicit = s.explicit;
        if (s.fixedTime != null) {
            time = s.fixedTime;
        } else if (s.hour >= 0) {
            time = explicit ? LocalTime.of(s.hour, s.minute) : infer(s.hour, s.minute, s.part, s.ctx);
        }
        LocalDate date = s.date;
        if (date != null && s.weekdayMaybeToday) {
            LocalTime nowTime = s.ctx.now().toLocalTime();
            boolean stillAhead = time != null ? time.isAfter(nowTime) : nowTime.isBefore(s.ctx.closes());
            if (!stillAhead) {
                date = date.plusWeeks(1);
            }
        }
        if (date == null && time == null && s.part == null && range == null && s.unresolved == null) {
            return null;
        }
        return new WhenPhrase(date, time, s.part, time != null && explicit, date == null ? range : null,
                date == null ? s.unresolved : null);
    }

    /**
     * Picks am or pm for an hour said without it: the day part decides; else the reading within
     * business hours; else 1-6 = pm, 7-11 = am, 12 = noon.
     */
    static LocalTime infer(int h, int m, DayPart part, ParseContext ctx) {
        if (h == 0 || h > 12) {
            return LocalTime.of(h % 24, m);
        }
        LocalTime am = LocalTime.of(h % 12, m);
        LocalTime pm = LocalTime.of(h % 12 + 12, m);
        if (part == DayPart.MORNING) {
            return h == 12 ? pm : am;
        }
        if (part == DayPart.AFTERNOON || part == DayPart.EVENING) {
            return pm;
        }
        boolean amIn = ctx.withinHours(am);
        boolean pmIn = ctx.withinHours(pm);
        if (amIn != pmIn) {
            return amIn ? am : pm;
        }
        if (h == 12) {
            return pm;
        }
        return h <= 6 ? pm : am;
    }
}
