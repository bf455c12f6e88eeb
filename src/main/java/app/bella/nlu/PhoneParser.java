package app.bella.nlu;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Set;

/**
 * Finds a phone number in an utterance and returns it in E.164 form ("+14165551234").
 *
 * <p>Digits may be written in any grouping ("(416) 555-1234", "416.555.1234", "+1 416 555 1234") or
 * spoken ("four one six five five five oh nine eight seven", "double five", "triple five", "plus
 * one"), or mixed. A run of digit tokens is broken by any other word, so a time ("at 3 pm"), a date
 * ("10/15") or an extension ("ext 22", "#extension123") is never glued onto the number. When several
 * valid runs occur, the last one wins (callers correct themselves).
 *
 * <p>Validation is Google's libphonenumber: a number said with "+" (or an international prefix such as
 * "00" or "011") must be a valid number of its country; a national number is read in the caller ID's
 * country first ({@link ParseContext#callerRegion()}), then in the practice's ({@link ParseContext#country()}),
 * then in the country of the default calling code, and the first reading that is a valid number wins. So a
 * UK caller's "020 7946 0018" becomes +442079460018 and a toll-free "1 800 ..." is accepted. A digit run
 * that is no valid number anywhere (a 14-digit account number, "123") gives no phone; nothing here throws.
 * Stateless and thread-safe.
 */
public final class PhoneParser {

    private static final Set<String> EXTENSION = Words.setOf("ext", "extension", "x", "poste", "extn", "#");
    private static final Set<String> TIME_FOLLOWERS = Words.setOf(
            "am", "pm", "o'clock", "h", "hours", "hour", "hrs", "minutes", "minute", "mins", "min", "days", "day",
            "weeks", "week", "in", "noon", "of");
    private static final Set<String> GLUE = Words.setOf("dash", "hyphen", "and");
    /** Besides {@link Words#isCorrectionMarker}: "1234, no, 1243", "not 1234, 1243". */
    private static final Set<String> CORRECTION = Words.setOf("no", "not");
    private static final Set<String> TIME_BEFORE = Words.setOf("at", "by", "around", "before", "after", "until");

    /** Parses a phone number from free text, assuming country code 1. */
    public String parse(String text) {
        return parse(text, "1");
    }

    /** Parses a phone number; {@code defaultCountryCode} applies to numbers said without "+". */
    public String parse(String text, String defaultCountryCode) {
        return find(Words.tokenize(text), defaultCountryCode, null, null).phone;
    }

    /** Parses a phone number, reading a national number in the caller's, then the practice's country. */
    public String parse(String text, ParseContext ctx) {
        return find(Words.tokenize(text), ctx).phone;
    }

    /** Result of a scan: the number and the token span it came from (end exclusive). */
    static final class Found {
        static final Found NONE = new Found(null, -1, -1);
        final String phone;
        final int from;
        final int to;

        Found(String phone, int from, int to) {
            this.phone = phone;
            this.from = from;
            this.to = to;
        }
    }

    Found find(Tokens tk, ParseContext ctx) {
        return find(tk, ctx.defaultCountryCode(), ctx.callerRegion(), ctx.country());
    }

    /** A run of digits as said, valid or not. */
    private record Run(String digits, int from, int to) {
    }

    private Found find(Tokens tk, String defaultCountryCode, String callerRegion, String country) {
        Found found = scan(tk, defaultCountryCode, callerRegion, country);
        if (found.phone == null) {
            Tokens heard = misheardDigits(tk); // "four oh tree", "seven ate oh", "oh won for too"
            if (heard != tk) {
                found = scan(heard, defaultCountryCode, callerRegion, country);
            }
        }
        if (found.phone == null) {
            found = tensAlone(tk, defaultCountryCode, callerRegion, country);
        }
        return found;
    }

    /**
     * "seven eighty, five five five, twenty one hundred": a tens word followed by a unit may be a group's end ("780")
     * rather than one number ("85"). Tried only when nothing was found as said, each tens word alone in turn, then
     * in pairs, and so on (at most four of them).
     */
    private Found tensAlone(Tokens tk, String defaultCountryCode, String callerRegion, String country) {
        java.util.List<Integer> tens = new java.util.ArrayList<>(4);
        for (int i = 0; i + 1 < tk.n && tens.size() < 4; i++) {
            int v = Words.numberWord(tk.t[i]);
            int unit = Words.numberWord(tk.t[i + 1]);
            if (v >= 20 && v % 10 == 0 && unit >= 1 && unit <= 9) {
                tens.add(i);
            }
        }
        for (int size = 1; size <= tens.size(); size++) {
            for (int mask = 1; mask < 1 << tens.size(); mask++) {
                if (Integer.bitCount(mask) != size) {
                    continue;
                }
                String[] t = tk.t.clone();
                for (int b = 0; b < tens.size(); b++) {
                    if ((mask & 1 << b) != 0) {
                        t[tens.get(b)] = Integer.toString(Words.numberWord(t[tens.get(b)]));
                    }
                }
                Found found = scan(new Tokens(t, tk.orig, tk.glued), defaultCountryCode, callerRegion, country);
                if (found.phone != null) {
                    return found;
                }
            }
        }
        return Found.NONE;
    }

    /**
     * The utterance with the words the recogniser writes for digits ("won", "tree", "ate", "for", "too") read as
     * digits where they stand next to a digit; the same tokens when there are none. Only tried when no number was
     * found as said, so "780 555 1234 for Friday" keeps its number.
     */
    private static Tokens misheardDigits(Tokens tk) {
        String[] t = null;
        for (int i = 0; i < tk.n; i++) {
            String digit = Words.MISHEARD_DIGITS.get(tk.t[i]);
            if (digit != null && (digitLike(tk, i - 1) || digitLike(tk, i + 1))) {
                if (t == null) {
                    t = tk.t.clone();
                }
                t[i] = digit;
            }
        }
        return t == null ? tk : new Tokens(t, tk.orig, tk.glued);
    }

    private static boolean digitLike(Tokens tk, int i) {
        String w = tk.at(i);
        return !w.isEmpty() && (digitWord(w) >= 0 || Words.isDigits(w) || Words.MISHEARD_DIGITS.containsKey(w));
    }

    private Found scan(Tokens tk, String defaultCountryCode, String callerRegion, String country) {
        Found best = Found.NONE;
        java.util.List<Run> runs = new java.util.ArrayList<>(4);
        StringBuilder digits = new StringBuilder(20);
        int i = 0;
        while (i < tk.n) {
            int label = partLabel(tk, i);
            if (label > 0) {
                i += label; // "the last four are ...": the count names a part of the number
                continue;
            }
            int runStart = i;
            digits.setLength(0);
            boolean plus = false;
            boolean stopped = false;
            int j = i;
            while (j < tk.n && !stopped) {
                String w = tk.t[j];
                int used = appendDigits(tk, j, digits, digits.length() == 0 && !plus);
                if (used > 0) {
                    if (w.startsWith("+")) {
                        plus = true;
                    }
                    j += used;
                } else if (w.equals("plus") && digits.length() == 0 && !plus) {
                    plus = true;
                    j++;
                } else if (GLUE.contains(w) && digits.length() > 0 && j + 1 < tk.n
                        && appendDigits(tk, j + 1, new StringBuilder(), false) > 0) {
                    j++;
                } else {
                    stopped = true;
                }
                if (j < tk.n && EXTENSION.contains(tk.t[j]) && digits.length() >= 7) {
                    stopped = true; // extension follows: the number ends here
                }
            }
            if (digits.length() > 0) {
                runs.add(new Run(digits.toString(), runStart, j));
                String phone = validate(digits, plus, defaultCountryCode, callerRegion, country);
                int half = digits.length() / 2;
                if (phone == null && half >= 7 && digits.length() % 2 == 0
                        && digits.substring(0, half).equals(digits.substring(half))) {
                    // "403 555 0156 403 555 0156": the number said twice without a break
                    phone = validate(digits.substring(0, half), plus, defaultCountryCode, callerRegion, country);
                }
                for (int g = 4; phone == null && g >= 3; g--) {
                    int n = digits.length();
                    if (n - g >= 7 && digits.substring(n - g).equals(digits.substring(n - 2 * g, n - g))) {
                        // "780 555 0172 — 0172, yeah": the last part said again to confirm it
                        phone = validate(digits.substring(0, n - g), plus, defaultCountryCode, callerRegion, country);
                    }
                }
                if (phone == null && tk.is(runStart, "one") && digits.length() > 10) {
                    // "the toll free one, 1-800-555-0199": "one" names which number, it is no digit
                    phone = validate(new StringBuilder(digits.substring(1)), plus, defaultCountryCode, callerRegion, country);
                }
                String said = digits.toString();
                for (int g = 4; phone == null && g >= 2; g--) {
                    // "… zero one two... zero one two five": a part broken off and said again from its start, once
                    for (int p = said.length() - 2 * g; phone == null && p >= 3; p--) {
                        if (said.regionMatches(p, said, p + g, g)) {
                            phone = validate(said.substring(0, p) + said.substring(p + g), plus, defaultCountryCode,
                                    callerRegion, country);
                        }
                    }
                }
                if (phone != null) {
                    best = new Found(phone, runStart, j);
                }
                i = Math.max(j, i + 1);
                // skip extension digits so they do not form a run of their own
                if (i < tk.n && EXTENSION.contains(tk.t[i])) {
                    i++;
                    while (i < tk.n && Words.isDigits(tk.t[i])) {
                        i++;
                    }
                }
            } else {
                i = Math.max(j, i + 1);
            }
        }
        if (best.phone != null) {
            Found preferred = preferred(tk, runs, defaultCountryCode, callerRegion, country);
            if (preferred != null) {
                return preferred;
            }
            Found corrected = correctedEnd(tk, runs, best);
            return corrected != null ? corrected : best;
        }
        Found joined = partsApart(tk, runs, defaultCountryCode, callerRegion, country);
        if (joined == null) {
            joined = restartedEnd(tk, runs, defaultCountryCode, callerRegion, country);
        }
        return joined != null ? joined : best;
    }

    /**
     * "four oh three, five five five, oh one two... sorry, oh one two seven": a number broken off and its last part
     * said again after a correction word. The part said again starts with the digits said last before the break
     * (they are said once), else it replaces fewer digits than it has. Null when no such pair makes a valid number.
     */
    private static Found restartedEnd(Tokens tk, java.util.List<Run> runs, String defaultCountryCode,
                                      String callerRegion, String country) {
        for (int r = runs.size() - 1; r > 0; r--) {
            Run before = runs.get(r - 1);
            Run again = runs.get(r);
            boolean correcting = false;
            for (int k = before.to(); k < again.from() && !correcting; k++) {
                correcting = Words.isCorrectionMarker(tk.t[k]) || CORRECTION.contains(tk.t[k]);
            }
            if (!correcting || again.digits().length() < 2 || before.digits().length() < 6) {
                continue;
            }
            String said = before.digits();
            String phone = null;
            for (int k = Math.min(said.length() - 3, again.digits().length()); k >= 1 && phone == null; k--) {
                if (said.endsWith(again.digits().substring(0, k))) {
                    phone = validate(new StringBuilder(said.substring(0, said.length() - k)).append(again.digits()), false,
                            defaultCountryCode, callerRegion, country);
                }
            }
            // "five eight seven, five five five, oh one... wait, no, it's oh two four six": the broken part replaced
            for (int k = 1; k < again.digits().length() && k <= said.length() - 3 && phone == null; k++) {
                phone = validate(new StringBuilder(said.substring(0, said.length() - k)).append(again.digits()), false,
                        defaultCountryCode, callerRegion, country);
            }
            if (phone != null) {
                return new Found(phone, before.from(), again.to());
            }
        }
        return null;
    }

    /** Words that name which of a caller's numbers it is. */
    private static final Set<String> LINES = Words.setOf("cell", "mobile", "home", "work", "office", "landline", "business");
    /** Said after such a word, they choose it ("cell's better", "the mobile is best"). */
    private static final Set<String> CHOSEN_AFTER = Words.setOf("better", "best", "preferred", "easier", "easiest");
    /** Words between the line's name and the choice ("the work one is probably best"). */
    private static final Set<String> CHOSEN_BETWEEN = Words.setOf("one", "is", "number", "would", "be", "probably",
            "definitely", "really");
    /** Said before it ("use the cell", "prefer my mobile", "call my home"). */
    private static final Set<String> CHOSEN_BEFORE = Words.setOf("use", "prefer", "call", "text", "try");

    /**
     * "My cell's 780 555 0123 and work is 403 555 0987, cell's better": of two numbers, each named, the one the
     * caller says to use; null when fewer than two named numbers were said or none is chosen.
     */
    private static Found preferred(Tokens tk, java.util.List<Run> runs, String defaultCountryCode, String callerRegion,
                                   String country) {
        String chosen = null;
        for (int i = 0; i < tk.n && chosen == null; i++) {
            String line = lineWord(tk.t[i]);
            if (line == null) {
                continue;
            }
            int j = i + 1;
            while (j < i + 4 && CHOSEN_BETWEEN.contains(tk.at(j))) {
                j++; // "the work one is probably best"
            }
            boolean after = CHOSEN_AFTER.contains(tk.at(j));
            boolean before = CHOSEN_BEFORE.contains(tk.at(i - 1))
                    || (tk.is(i - 1, "the") || tk.is(i - 1, "my")) && CHOSEN_BEFORE.contains(tk.at(i - 2));
            if (after || before) {
                chosen = line;
            }
        }
        if (chosen == null) {
            return null;
        }
        Found pick = null;
        int named = 0;
        for (Run run : runs) {
            String phone = validate(new StringBuilder(run.digits()), false, defaultCountryCode, callerRegion, country);
            if (phone == null) {
                continue;
            }
            String line = null;
            for (int k = run.from() - 1; k >= Math.max(0, run.from() - 4) && line == null; k--) {
                line = lineWord(tk.t[k]);
            }
            if (line != null) {
                named++;
                if (line.equals(chosen) && pick == null) {
                    pick = new Found(phone, run.from(), run.to());
                }
            }
        }
        return named >= 2 ? pick : null;
    }

    /** "cell", "cell's", "mobile" …: the kind of line the word names, or null. */
    private static String lineWord(String w) {
        String bare = w.endsWith("'s") ? w.substring(0, w.length() - 2) : w;
        return LINES.contains(bare) ? bare : null;
    }

    /**
     * "780 555 1234, no sorry, 1243", "555 1234, sorry, 555 1243": a run of three to seven digits said last, after a
     * correction word, replaces as many digits at the end of the number before it — or two digits said one by one
     * ("oh wait, nine three"); null when there is no such run or the result is no valid number. Other short runs, and
     * runs after "at" or "by", are more likely times.
     */
    private static Found correctedEnd(Tokens tk, java.util.List<Run> runs, Found best) {
        Run last = runs.get(runs.size() - 1);
        int n = last.digits().length();
        boolean twoDigitWords = n == 2 && last.to() - last.from() == 2; // "oh wait, nine three": the last two
        if (last.from() < best.to || n < 3 && !twoDigitWords || n > 7 || n >= best.phone.length() - 4
                || TIME_BEFORE.contains(tk.at(last.from() - 1))) {
            return null;
        }
        if (tk.is(last.from() - 1, "not") && last.to() >= tk.n - 1) {
            return null; // "It's 403-555-4127, not 4172": the ending said last is the one taken back
        }
        boolean correcting = false;
        for (int k = best.to; k < last.from() && !correcting; k++) {
            correcting = Words.isCorrectionMarker(tk.t[k]) || CORRECTION.contains(tk.t[k]);
        }
        if (!correcting) {
            return null;
        }
        String candidate = best.phone.substring(0, best.phone.length() - last.digits().length()) + last.digits();
        String phone = valid(PhoneNumberUtil.getInstance(), candidate, "ZZ");
        return phone == null ? null : new Found(phone, best.from, last.to());
    }

    /** How a North-American number is said in parts: area code and the rest, or area code, exchange and line. */
    private static final java.util.List<java.util.List<Integer>> GROUPINGS = java.util.List.of(
            java.util.List.of(3, 7), java.util.List.of(3, 3, 4), java.util.List.of(6, 4));
    /** At most this many words between two parts ("and the last four are"). */
    private static final int MAX_GAP = 6;

    /**
     * "it's a 780 number, 555 0177", "five eight seven, then five five five, and then zero one nine nine", "the area
     * code is 587 and the number is 555 0131": parts of a number said with words between them, in one of the
     * {@link #GROUPINGS}; null when no parts make a valid number that way.
     */
    private static Found partsApart(Tokens tk, java.util.List<Run> said, String defaultCountryCode,
                                    String callerRegion, String country) {
        Found found = inGroupings(said, defaultCountryCode, callerRegion, country);
        java.util.List<Run> once = saidOnce(said);
        if (found == null && !once.equals(said)) {
            found = inGroupings(once, defaultCountryCode, callerRegion, country);
        }
        return found != null ? found : areaCodeLast(tk, said, defaultCountryCode, callerRegion, country);
    }

    /**
     * The parts as if each were said once: "two eight nine, um, two eight nine" is one part, and "four four seven one,
     * four four seven one" (a part said twice without a break) is its half — how a careful caller repeats as they go.
     */
    private static java.util.List<Run> saidOnce(java.util.List<Run> runs) {
        java.util.List<Run> once = new java.util.ArrayList<>(runs.size());
        for (Run run : runs) {
            String d = run.digits();
            int half = d.length() / 2;
            if (d.length() % 2 == 0 && half >= 3 && d.substring(0, half).equals(d.substring(half))) {
                run = new Run(d.substring(0, half), run.from(), run.to());
                d = run.digits();
            }
            for (int g = 4; g >= 3; g--) {
                int n = d.length();
                if (n >= 2 * g + 3 && d.regionMatches(n - g, d, n - 2 * g, g)) {
                    run = new Run(d.substring(0, n - g), run.from(), run.to()); // "four oh three, two eight nine, um, two eight nine"
                    d = run.digits();
                }
            }
            Run previous = once.isEmpty() ? null : once.get(once.size() - 1);
            if (previous != null && d.length() >= 3 && previous.digits().length() > d.length()
                    && previous.digits().endsWith(d) && run.from() - previous.to() <= 2) {
                once.set(once.size() - 1, new Run(previous.digits(), previous.from(), run.to()));
                continue; // said again at once, to be sure
            }
            once.add(run);
        }
        return once;
    }

    private static Found inGroupings(java.util.List<Run> runs, String defaultCountryCode, String callerRegion,
                                     String country) {
        for (java.util.List<Integer> grouping : GROUPINGS) {
            for (int r = 0; r + grouping.size() <= runs.size(); r++) {
                StringBuilder digits = new StringBuilder(10);
                boolean fits = true;
                for (int g = 0; g < grouping.size() && fits; g++) {
                    Run part = runs.get(r + g);
                    fits = part.digits().length() == grouping.get(g)
                            && (g == 0 || part.from() - runs.get(r + g - 1).to() <= MAX_GAP);
                    digits.append(part.digits());
                }
                String phone = fits ? validate(digits, false, defaultCountryCode, callerRegion, country) : null;
                if (phone != null) {
                    return new Found(phone, runs.get(r).from(), runs.get(r + grouping.size() - 1).to());
                }
            }
        }
        return null;
    }

    /** "it's 555 0148, area code 780", "five five five, zero one six three, and the area code's five eight seven". */
    private static Found areaCodeLast(Tokens tk, java.util.List<Run> runs, String defaultCountryCode,
                                      String callerRegion, String country) {
        for (int r = 1; r < runs.size(); r++) {
            Run area = runs.get(r);
            if (area.digits().length() != 3 || !afterAreaCode(tk, area.from())) {
                continue;
            }
            StringBuilder local = new StringBuilder(7);
            int from = area.from();
            for (int q = r - 1; q >= 0 && local.length() < 7; q--) {
                local.insert(0, runs.get(q).digits());
                from = runs.get(q).from();
            }
            String phone = local.length() == 7
                    ? validate(area.digits() + local, false, defaultCountryCode, callerRegion, country) : null;
            if (phone != null) {
                return new Found(phone, from, area.to());
            }
        }
        return null;
    }

    /** Whether "area code" (is / 's) is said just before token i. */
    private static boolean afterAreaCode(Tokens tk, int i) {
        for (int k = i - 1; k >= Math.max(1, i - 3); k--) {
            if ((tk.is(k, "code") || tk.is(k, "code's")) && tk.is(k - 1, "area")) {
                return true;
            }
        }
        return false;
    }

    /**
     * "last four are", "the last four digits", "first three is", "last 4 numbers": words that say which part of the
     * number comes next; the tokens to skip at j, or 0.
     */
    private static int partLabel(Tokens tk, int j) {
        if (!(tk.is(j, "last") || tk.is(j, "first") || tk.is(j, "other"))) {
            return 0;
        }
        int count = Words.readNumber(tk, j + 1) >> 2;
        if (count != 3 && count != 4 && count != 6 && count != 7) {
            return 0;
        }
        int k = j + 2;
        if (tk.is(k, "digits") || tk.is(k, "numbers") || tk.is(k, "digit")) {
            k++;
        }
        if (tk.is(k, "are") || tk.is(k, "is") || tk.is(k, "being")) {
            k++;
        }
        if (k > j + 2 || tk.is(j - 1, "the")) {
            return k - j;
        }
        StringBuilder after = new StringBuilder(); // "last four zero one nine nine": that many digits follow
        for (int m = k; m < tk.n && after.length() < count; ) {
            int used = appendDigits(tk, m, after, false);
            if (used == 0) {
                break;
            }
            m += used;
        }
        return after.length() == count ? k - j : 0;
    }

    /**
     * Appends the digits token {@code j} stands for and returns how many tokens it used (0 if the
     * token is not part of a phone number).
     */
    private static int appendDigits(Tokens tk, int j, StringBuilder out, boolean first) {
        String w = tk.t[j];
        String next = tk.at(j + 1);
        if (TIME_FOLLOWERS.contains(next)) {
            // "3 pm", "2 hours", "3 in the afternoon", "1430 hours": a time or quantity, not phone digits
            boolean shortNumber = (Words.isDigits(w) && w.length() <= 2) || Words.numberWord(w) >= 0;
            boolean clock = Words.isDigits(w) && w.length() <= 4 && !next.equals("in");
            if (shortNumber || clock) {
                return 0;
            }
        }
        char c0 = w.charAt(0);
        if (c0 == '+' || (c0 >= '0' && c0 <= '9')) {
            int start = out.length();
            for (int k = c0 == '+' ? 1 : 0; k < w.length(); k++) {
                char c = w.charAt(k);
                if (c >= '0' && c <= '9') {
                    out.append(c);
                } else if (c != '.') {
                    out.setLength(start); // "2:30", "10/15": not a phone fragment
                    return 0;
                }
            }
            return out.length() > start ? 1 : 0;
        }
        if ((w.equals("double") || w.equals("triple")) && j + 1 < tk.n) {
            int d = digitWord(tk.t[j + 1]);
            if (d >= 0) {
                int times = w.equals("double") ? 2 : 3;
                for (int k = 0; k < times; k++) {
                    out.append((char) ('0' + d));
                }
                return 2;
            }
            return 0;
        }
        int d = digitWord(w);
        if (d >= 0) {
            boolean oh = w.equals("o") || w.equals("oh");
            if (oh && first && !dialsOut(tk, j)) {
                return 0; // "oh, it's ..." is an interjection, not a leading zero
            }
            if (oh && (Words.isCorrectionMarker(tk.at(j + 1)) || CORRECTION.contains(tk.at(j + 1)))) {
                return 0; // "… oh one nine two, oh wait, nine three": taken back, not a zero
            }
            out.append((char) ('0' + d));
            return 1 + zeros(tk, j + 1, out, d > 0);
        }
        int v = Words.numberWord(w);
        if (v >= 10 && v <= 99 && !first) {
            // "five five five twelve thirty four": teens/tens read as two digits
            int read = Words.readNumber(tk, j);
            int value = read >> 2;
            if (value >= 10 && value <= 99) {
                out.append(value);
                return (read & 3) + zeros(tk, j + (read & 3), out, true);
            }
        }
        return 0;
    }

    /** "oh one one 44 …", "oh oh 33 …": a leading "oh" that begins the prefix for dialling abroad is a zero. */
    private static boolean dialsOut(Tokens tk, int j) {
        return tk.is(j + 1, "one") && tk.is(j + 2, "one")
                || tk.is(j + 1, "oh") || tk.is(j + 1, "o") || tk.is(j + 1, "zero");
    }

    /** "twenty one hundred" is 2100, "eight hundred" 800, "two thousand" 2000: the zeros the word at j adds. */
    private static int zeros(Tokens tk, int j, StringBuilder out, boolean after) {
        if (!after) {
            return 0;
        }
        if (tk.is(j, "hundred")) {
            out.append("00");
            return 1;
        }
        if (tk.is(j, "thousand")) {
            out.append("000");
            return 1;
        }
        return 0;
    }

    private static int digitWord(String w) {
        if (w.length() > 5) {
            return -1;
        }
        int v = Words.numberWord(w);
        return v >= 0 && v <= 9 ? v : -1;
    }

    private static String validate(CharSequence digits, boolean plus, String defaultCc, String callerRegion,
                                   String country) {
        int n = digits.length();
        if (n < 7 || n > 17) {
            return null;
        }
        String d = digits.toString();
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        if (plus) {
            if (n == 11 && d.charAt(0) == '1') {
                return nanp(util, d.substring(1));
            }
            String international = valid(util, "+" + d, "ZZ");
            return international != null ? international : possible(util, "+" + d);
        }
        if (d.startsWith("00") && !"US".equals(callerRegion) && !"CA".equals(callerRegion)) {
            String international = valid(util, "+" + d.substring(2), "ZZ"); // "0044 20 ...": Europe's prefix
            if (international != null) {
                return international;
            }
        }
        String fromCaller = callerRegion == null ? null : national(util, d, callerRegion);
        if (fromCaller != null) {
            return fromCaller;
        }
        String fromPractice = country == null || country.equals(callerRegion) ? null : national(util, d, country);
        if (fromPractice != null) {
            return fromPractice;
        }
        String byCode = util.getRegionCodeForCountryCode(Integer.parseInt(defaultCc));
        if (byCode.equals(country) || byCode.equals(callerRegion) || byCode.equals("ZZ")) {
            return null;
        }
        return national(util, d, byCode);
    }

    /** A number said the way it is dialled in {@code region}, as E.164 when valid there (or abroad via "011"). */
    private static String national(PhoneNumberUtil util, String d, String region) {
        if (util.getCountryCodeForRegion(region) == 1 && !d.startsWith("011")) {
            // North America without libphonenumber's slow parse: ten digits, or eleven with the leading 1
            int n = d.length();
            return n == 10 ? nanp(util, d) : n == 11 && d.charAt(0) == '1' ? nanp(util, d.substring(1)) : null;
        }
        return valid(util, d, region);
    }

    /** "+1" and ten digits when they are a valid North-American number (checked for Canada and the US first). */
    private static String nanp(PhoneNumberUtil util, String ten) {
        if (ten.length() != 10 || ten.charAt(0) < '2' || ten.charAt(3) < '2') {
            return null;
        }
        PhoneNumber number = new PhoneNumber().setCountryCode(1).setNationalNumber(Long.parseLong(ten));
        boolean valid = util.isValidNumberForRegion(number, "CA") || util.isValidNumberForRegion(number, "US")
                || util.isValidNumber(number);
        return valid ? "+1" + ten : null;
    }

    /**
     * A number said with its country code (outside North America) that has exactly the length of that country's
     * numbers, though no operator holds it: the ranges kept for examples and drama ("+44 7700 900123") are numbers
     * people say. It is read back before anything is booked.
     */
    private static String possible(PhoneNumberUtil util, String text) {
        try {
            PhoneNumber number = util.parse(text, "ZZ");
            return number.getCountryCode() != 1
                    && util.isPossibleNumberWithReason(number) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE
                    ? util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** E.164 of {@code text} read in {@code region} when it is a valid number, else null. */
    private static String valid(PhoneNumberUtil util, String text, String region) {
        try {
            PhoneNumber number = util.parse(text, region);
            return util.isValidNumber(number) ? util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }
}
