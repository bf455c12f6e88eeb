package app.bella.nlu;

/**
 * Reads how long an appointment should last, in minutes: "half an hour", "45 minutes", "an hour",
 * "an hour and a half", "1.5 hours", "two hours", "1 hour 15 minutes", "a couple of hours",
 * "quarter of an hour", "une demi-heure". A relative time ("in two hours", "2 hours from now") is
 * not a duration. With {@code expectDuration}, a bare number counts (1-4 = hours, 5-240 = minutes).
 * Durations over 12 hours are rejected. When several are said, the last one wins. Stateless and
 * thread-safe.
 */
public final class DurationParser {

    private static final int MAX_MINUTES = 12 * 60;

    /** Parses an open utterance. */
    public Integer parse(String text) {
        return parse(Words.tokenize(text), false);
    }

    /** Parses an answer to "how long?"; a bare number is accepted. */
    public Integer parse(String text, boolean expectDuration) {
        return parse(Words.tokenize(text), expectDuration);
    }

    Integer parse(Tokens tk, boolean expectDuration) {
        int result = -1;
        boolean relative = false; // "two hours from now", "waited two hours": so a bare number is no length either
        int unit = 0;             // minutes in the unit of the last length read ("2 hours": 60)
        int lastEnd = -1;
        int i = 0;
        while (i < tk.n) {
            int r = durationAt(tk, i);
            if (r > 0) {
                int minutes = r >> 8;
                int used = r & 0xff;
                if (isRelative(tk, i, i + used)) {
                    relative = true;
                } else if (someOtherLength(tk, i, i + used)) {
                    relative = true; // "I've waited two hours on hold", "every half hour": not the appointment's length
                } else if (minutes > 0 && minutes <= MAX_MINUTES) {
                    result = minutes;
                    String last = tk.t[i + used - 1];
                    unit = isHourUnit(last) ? 60 : isMinuteUnit(last) ? 1 : 0;
                    lastEnd = i + used;
                }
                i += used;
            } else {
                i++;
            }
        }
        if (result > 0 && unit > 0) {
            int corrected = correctedAmount(tk, lastEnd, unit);
            result = corrected > 0 ? corrected : result;
        }
        if (result < 0 && expectDuration && !relative) {
            result = bare(tk);
        }
        return result < 0 ? null : result;
    }

    /**
     * "2 hours? no, make it one", "45 minutes, sorry, 30": a bare number after a correction word that follows a
     * length is that many of the same unit (after hours, 15 or more are minutes: "maybe an hour, let's say forty
     * five"); -1 when there is none.
     */
    private static int correctedAmount(Tokens tk, int from, int unit) {
        for (int k = from; k < tk.n; k++) {
            boolean marker = tk.t[k].equals("no") || tk.t[k].equals("make") || Words.isCorrectionMarker(tk.t[k])
                    || tk.t[k].equals("say") && (tk.is(k - 1, "let's") || tk.is(k - 1, "lets")); // "let's say forty five"
            if (!marker) {
                continue;
            }
            for (int j = k + 1; j < tk.n && j <= k + 3; j++) {
                int r = Words.readNumber(tk, j);
                if (r >= 0) {
                    int n = r >> 2;
                    int end = j + (r & 3);
                    boolean bare = end >= tk.n || !isHourUnit(tk.at(end)) && !isMinuteUnit(tk.at(end))
                            && !COUNTED.contains(tk.at(end));
                    int minutes = unit == 60 && n >= 15 ? n : n * unit; // "an hour, no, forty five": minutes
                    return bare && minutes > 0 && minutes <= MAX_MINUTES ? minutes : -1;
                }
            }
        }
        return -1;
    }

    /** "in two hours", "2 hours from now", "an hour ago", "2 hours later/early/late". */
    private static boolean isRelative(Tokens tk, int from, int to) {
        int p = from - 1;
        while (p >= 0 && (tk.t[p].equals("about") || tk.t[p].equals("around") || tk.t[p].equals("like")
                || tk.t[p].equals("roughly") || tk.t[p].equals("approximately") || tk.t[p].equals("just"))) {
            p--;
        }
        if (p >= 0 && (tk.t[p].equals("in") || tk.t[p].equals("dans") || tk.t[p].equals("within"))) {
            return true;
        }
        String next = tk.at(to);
        return next.equals("ago") || next.equals("later") || next.equals("early") || next.equals("late")
                || next.equals("before") || next.equals("after") || next.equals("earlier")
                || next.equals("from") && tk.is(to + 1, "now");
    }

    /**
     * Words before a length that make it a wait, a journey, an interval or a past visit: "waited two hours", "every
     * half hour", "my last cleaning took forever, like three hours".
     */
    private static final java.util.Set<String> OTHER_BEFORE = Words.setOf("waited", "waiting", "every", "drive",
            "driving", "walk", "commute", "took", "lasted");
    /** Words after a length that do the same: "20 minutes to drive in", "an hour away", "eight hours a day". */
    private static final java.util.Set<String> OTHER_AFTER = Words.setOf("away", "drive", "driving", "commute",
            "waiting", "wait", "on hold", "to get", "to drive", "to walk", "by car", "by bus", "out of", "outside",
            "from here", "from town", "from you", "north", "south", "east", "west",
            "a day", "a week", "per day", "per week", "each day", "every day");

    /**
     * A length said of something else than the appointment: a wait, the way to the practice, an interval; "it takes
     * me twenty minutes to drive in". Up to three words before and two after are read.
     */
    private static boolean someOtherLength(Tokens tk, int from, int to) {
        for (int p = Math.max(0, from - 3); p < from; p++) {
            if (OTHER_BEFORE.contains(tk.t[p]) || tk.t[p].equals("hold") && tk.is(p - 1, "on") || (tk.t[p].equals("takes") || tk.t[p].equals("take"))
                    && tk.is(p + 1, "me") && OTHER_AFTER.contains(tk.at(to) + " " + tk.at(to + 1))) {
                return true;
            }
        }
        return OTHER_AFTER.contains(tk.at(to)) || OTHER_AFTER.contains(tk.at(to) + " " + tk.at(to + 1));
    }

    private static int pack(int minutes, int used) {
        return minutes << 8 | used;
    }

    private static boolean isHourUnit(String said) {
        String w = withoutContraction(said);
        return w.equals("hour") || w.equals("hours") || w.equals("hr") || w.equals("hrs") || w.equals("heure")
                || w.equals("heures");
    }

    /** "a half hour'll do me", "an hour's fine": the unit without the word run into it. */
    private static String withoutContraction(String w) {
        return w.endsWith("'ll") || w.endsWith("'s") ? w.substring(0, w.lastIndexOf('\'')) : w;
    }

    private static boolean isMinuteUnit(String said) {
        String w = withoutContraction(said);
        return w.equals("minute") || w.equals("minutes") || w.equals("min") || w.equals("mins");
    }

    /** Amount at i: a/an/one = 1, digits, decimals "1.5", spoken. Returns value*2 (to keep halves) packed with used. */
    private static int amountAt(Tokens tk, int i) {
        String w = tk.at(i);
        if (w.equals("a") || w.equals("an") || w.equals("une") || w.equals("un")) {
            if (tk.is(i + 1, "couple")) {
                return pack(4, tk.is(i + 2, "of") ? 3 : 2);
            }
            return pack(2, 1);
        }
        if (w.equals("couple")) {
            return pack(4, tk.is(i + 1, "of") ? 2 : 1);
        }
        int dot = w.indexOf('.');
        if (dot > 0 && w.endsWith(".5") && Words.isDigits(w.substring(0, dot))) {
            return pack(Integer.parseInt(w.substring(0, dot)) * 2 + 1, 1);
        }
        int r = Words.readNumber(tk, i);
        if (r < 0 || (r >> 2) > 1000) {
            return -1;
        }
        int used = r & 3;
        int v = (r >> 2) * 2;
        if (tk.is(i + used, "and") && tk.is(i + used + 1, "a") && tk.is(i + used + 2, "half")
                && isHourUnit(tk.at(i + used + 3))) {
            return pack(v + 1, used + 3); // "one and a half hours"
        }
        if (tk.is(i + used, "and") && tk.is(i + used + 1, "half") && isHourUnit(tk.at(i + used + 2))) {
            return pack(v + 1, used + 2); // "one and half hour", as a second language says it
        }
        return pack(v, used);
    }

    /** Words between an amount and its unit that leave it as said ("a full hour"). */
    private static final java.util.Set<String> FULL = Words.setOf("full", "whole", "good", "solid", "entire");

    /** Returns minutes << 8 | tokensUsed for a duration starting at i, or -1. */
    private static int durationAt(Tokens tk, int i) {
        String w = tk.t[i];
        // fixed phrases
        if (w.equals("half") && (tk.is(i + 1, "an") || tk.is(i + 1, "a")) && isHourUnit(tk.at(i + 2))) {
            return pack(30, 3);
        }
        if (w.equals("half") && isHourUnit(tk.at(i + 1))) {
            return pack(30, 2);
        }
        if (w.equals("half-hour") || w.equals("demi-heure")) {
            return pack(30, 1);
        }
        int joined = hyphenated(w);
        if (joined > 0) {
            return pack(joined, 1); // "an hour-long visit", "a two-hour appointment", "a forty-five-minute cleaning"
        }
        if (w.equals("quarter") && tk.is(i + 1, "of") && (tk.is(i + 2, "an") || tk.is(i + 2, "a"))
                && isHourUnit(tk.at(i + 3))) {
            return pack(15, 4);
        }
        if (w.equals("quarter") && tk.is(i + 1, "of") && isHourUnit(tk.at(i + 2))) {
            return pack(15, 3); // "quarter of hour"
        }
        if (w.equals("quarter") && isHourUnit(tk.at(i + 1))) {
            return pack(15, 2);
        }
        if ((w.equals("three") || w.equals("3")) && (tk.is(i + 1, "quarters") || tk.is(i + 1, "quarter"))
                && tk.is(i + 2, "of") && (tk.is(i + 3, "an") || tk.is(i + 3, "a")) && isHourUnit(tk.at(i + 4))) {
            return pack(45, 5);
        }
        if ((w.equals("a") || w.equals("une")) && (tk.is(i + 1, "half") || tk.is(i + 1, "demi"))
                && isHourUnit(tk.at(i + 2))) {
            return pack(30, 3);
        }
        if ((w.equals("a") || w.equals("une")) && (tk.is(i + 1, "half-hour") || tk.is(i + 1, "demi-heure"))) {
            return pack(30, 2);
        }
        if (isHourUnit(w) && tk.is(i + 1, "and") && tk.is(i + 2, "a") && tk.is(i + 3, "half")) {
            return pack(90, 4); // "hour and a half"
        }
        int a = w.equals("hour") && !tk.is(i - 1, "the") && !tk.is(i - 1, "per") && !tk.is(i - 1, "every")
                ? pack(2, 0) : amountAt(tk, i); // "hour and fifteen minutes": one hour said without "an"
        if (a < 0) {
            return -1;
        }
        int twice = a >> 8;
        int j = i + (a & 0xff);
        while (FULL.contains(tk.at(j)) && (isHourUnit(tk.at(j + 1)) || isMinuteUnit(tk.at(j + 1)))) {
            j++; // "a full hour", "a good half hour", "a whole 30 minutes"
        }
        String unit = tk.at(j);
        if (isMinuteUnit(unit)) {
            return twice % 2 == 0 ? pack(twice / 2, j + 1 - i) : -1;
        }
        if (!isHourUnit(unit)) {
            return -1;
        }
        int hours2 = twice; // hours * 2
        if (hours2 > 24 * 2) {
            return -1;
        }
        int minutes = hours2 * 30;
        j++;
        // "an hour and a half", "an hour and 15 minutes", "1 hour 30", "2 hours and a quarter"
        int k = j;
        if (tk.is(k, "and")) {
            k++;
        }
        if (tk.is(k, "a") && tk.is(k + 1, "half") && hours2 % 2 == 0) {
            return pack(minutes + 30, k + 2 - i);
        }
        if (tk.is(k, "a") && tk.is(k + 1, "quarter") && hours2 % 2 == 0) {
            return pack(minutes + 15, k + 2 - i);
        }
        if (tk.is(k, "quarter") && hours2 % 2 == 0 && k > j) {
            return pack(minutes + 15, k + 1 - i); // "an hour and quarter"
        }
        if (tk.is(k, "half") && hours2 % 2 == 0 && k > j) {
            return pack(minutes + 30, k + 1 - i);
        }
        int r = Words.readNumber(tk, k);
        if (r >= 0 && hours2 % 2 == 0) {
            int extra = r >> 2;
            int end = k + (r & 3);
            if (extra >= 1 && extra <= 59) {
                if (isMinuteUnit(tk.at(end))) {
                    return pack(minutes + extra, end + 1 - i);
                }
                if (tk.at(end).isEmpty() && extra >= 10) {
                    return pack(minutes + extra, end - i); // "an hour fifteen" at the end
                }
            }
        }
        return pack(minutes, j - i);
    }

    /** Minutes of a length said as one hyphenated word ("hour-long", "two-hour", "forty-five-minute"), or -1. */
    private static int hyphenated(String w) {
        int dash = w.lastIndexOf('-');
        if (dash <= 0) {
            return -1;
        }
        String head = w.substring(0, dash);
        String unit = w.substring(dash + 1);
        if (unit.equals("long")) {
            int d = head.lastIndexOf('-');
            unit = d < 0 ? head : head.substring(d + 1);
            head = d < 0 ? "" : head.substring(0, d);
        }
        boolean hours = isHourUnit(unit);
        if (!hours && !isMinuteUnit(unit)) {
            return -1;
        }
        int n = head.isEmpty() && hours ? 1 : Words.isDigits(head) ? Integer.parseInt(head) : Words.numberWord(head);
        int minutes = hours ? n * 60 : n;
        return n > 0 && minutes <= MAX_MINUTES ? minutes : -1;
    }

    /** Words that make a bare number a clock time or a date ("tomorrow at 3", "3 pm", "the 15th"), not a length. */
    private static final java.util.Set<String> TIME_BEFORE = java.util.Set.of("at", "by", "before", "after", "until",
            "till", "til", "on", "the", "from", "past");
    private static final java.util.Set<String> TIME_AFTER = java.util.Set.of("am", "pm", "a.m.", "p.m.", "o'clock",
            "oclock");

    /** Things a bare number counts that are no length of time. */
    private static final java.util.Set<String> COUNTED = Words.setOf("years", "year", "old", "people", "person",
            "persons", "of", "kids", "children", "adults", "patients", "dollars", "bucks", "teeth", "tooth", "times",
            "days", "weeks", "months", "visits", "appointments", "cavities", "fillings", "thousand", "hundred");

    private static int bare(Tokens tk) {
        for (int i = 0; i < tk.n; i++) {
            if (DateTimeParser.isDayWord(tk.t[i]) || tk.t[i].equals("week") || tk.t[i].equals("month")) {
                return -1; // a day or part of one was said: the number is when, not how long
            }
        }
        for (int i = 0; i < tk.n; i++) {
            int r = Words.readNumber(tk, i);
            if (r >= 0) {
                int p = i - 1;
                while (p >= 0 && Words.isFiller(tk.t[p])) {
                    p--;
                }
                if (p >= 0 && TIME_BEFORE.contains(tk.t[p]) || TIME_AFTER.contains(tk.at(i + (r & 3)))
                        || COUNTED.contains(tk.at(i + (r & 3))) || Words.DOSE_UNITS.contains(tk.at(i + (r & 3)))
                        || Words.MEASURES.contains(tk.at(i + (r & 3)))
                        || Words.saysAge(tk, i)) {
                    return -1; // "at 3", "3 pm"; "45 years old", "two people", "20 milligrams", "my son is ten" count
                               // something else
                }
                int v = r >> 2;
                if (v >= 1 && v <= 4) {
                    return v * 60;
                }
                if (v >= 5 && v <= 240) {
                    return v;
                }
                return -1;
            }
        }
        return -1;
    }
}
