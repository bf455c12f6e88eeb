package app.bella.nlu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shared text normalisation for speech transcripts: lower-casing, punctuation, fillers and spoken
 * numbers. Stateless and thread-safe.
 *
 * <p>Tokenisation rules: letters and digits form tokens; an apostrophe or hyphen between letters is
 * kept ("o'brien", "mary-jane", "mm-hmm"); ":" "/" "." between digits are kept ("2:30", "10/15",
 * "416.555.1234"); a "+" directly before digits is kept; everything else separates tokens. Digits
 * followed by letters are split ("3pm" -> "3 pm", "14h30" -> "14 h 30") except ordinal suffixes
 * ("15th"). "a.m."/"p.m." become "am"/"pm"; "uh huh"/"mm hmm" become "uh-huh"/"mm-hmm"; fillers
 * ("um", "uh", "er", "hmm", "like", "you know", ...) are dropped. Speech-recogniser noise tags are removed
 * before anything else: anything in square, angle or curly brackets ("[noise]", "<unk>", "{laughter}"),
 * between asterisks ("*cough*"), and round brackets holding only letters ("(cough)", but not "(416)").
 */
public final class Words {

    private Words() {
    }

    private static final Set<String> FILLERS = Set.of(
            "um", "umm", "ummm", "uh", "uhh", "uhhh", "uhm", "er", "erm", "err", "hmm", "hmmm", "hm",
            "ah", "ahh", "eh", "mm", "mmm", "like", "euh", "bah");

    private static final Map<String, Integer> NUMBERS = new HashMap<>();
    private static final Map<String, Integer> ORDINALS = new HashMap<>();

    static {
        String[] units = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
        for (int i = 0; i < units.length; i++) {
            NUMBERS.put(units[i], i);
        }
        String[] tens = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
        for (int i = 0; i < tens.length; i++) {
            NUMBERS.put(tens[i], (i + 2) * 10);
        }
        NUMBERS.put("fourty", 40);
        NUMBERS.put("oh", 0);
        NUMBERS.put("o", 0);
        NUMBERS.put("nil", 0);
        String[] ord = {"zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                "eighteenth", "nineteenth", "twentieth"};
        for (int i = 1; i < ord.length; i++) {
            ORDINALS.put(ord[i], i);
        }
        ORDINALS.put("thirtieth", 30);
        ORDINALS.put("premier", 1);
        ORDINALS.put("1er", 1);
    }

    /** An immutable set of words; duplicates in the list are tolerated. */
    static Set<String> setOf(String... words) {
        return Set.copyOf(Arrays.asList(words));
    }

    /**
     * Units of a dose: an amount in one of them is a medicine's ("10 milligrams", "two tablets"), never a time, a
     * length or a name.
     */
    static final Set<String> DOSE_UNITS = setOf("mg", "milligrams", "milligram", "mcg", "micrograms", "ml",
            "millilitres", "milliliters", "units", "tablets", "tablet", "pills", "capsules");

    /** Units a number may measure that are neither a time nor a length of time: "90 km on it", "he's 40 pounds". */
    static final Set<String> MEASURES = setOf("k", "km", "kms", "kilometres", "kilometers", "klicks", "miles", "mi",
            "pounds", "lbs", "lb", "kilos", "kg", "kgs", "grams", "feet", "foot", "inches", "cm", "metres", "meters",
            "cents");

    /** Words right before an age ("I'm eighty two", "my daughter's 7", "aged 4"). */
    private static final Set<String> AGE_BEFORE = setOf("i'm", "im", "he's", "she's", "daughter's", "son's", "kid's",
            "age", "aged", "ages");
    /** Who ages are said of with "are" ("my kids are 7 and 9"). */
    private static final Set<String> FAMILY_PLURAL = setOf("kids", "children", "boys", "girls", "twins", "sons",
            "daughters", "they", "grandkids", "grandchildren");
    /** Who an age is said of with "is" ("my son is 10"). */
    private static final Set<String> FAMILY = setOf("son", "daughter", "kid", "child", "boy", "girl", "baby", "he", "she",
            "husband", "wife", "lad", "lass", "youngest", "eldest", "oldest", "toddler");

    /**
     * True when the number at {@code i} is someone's age: right after "I'm", "my daughter's", "aged", after "my son
     * is", or in a list after "ages" ("two kids, ages four and seven").
     */
    static boolean saysAge(Tokens tk, int i) {
        String prev = tk.at(i - 1);
        if (AGE_BEFORE.contains(prev) || prev.equals("is") && FAMILY.contains(tk.at(i - 2))
                || prev.equals("are") && FAMILY_PLURAL.contains(tk.at(i - 2))) {
            return true;
        }
        // "ages four and seven", "my kids are 7 and 9"
        return prev.equals("and") && i >= 2 && (tk.is(i - 3, "ages") || tk.is(i - 3, "aged") || saysAge(tk, i - 2));
    }

    /** Words with which callers take back what they just said ("wait", "actually", "I mean", "sorry"). */
    private static final Set<String> CORRECTION_MARKERS = Set.of("wait", "actually", "mean", "meant", "sorry", "rather",
            "oops", "correction");

    /** True for a word that takes back what was just said; each parser adds the words that do so in its slot. */
    static boolean isCorrectionMarker(String token) {
        return CORRECTION_MARKERS.contains(token);
    }

    /** True for hesitation words that carry no meaning ("um", "uh", "like", ...). */
    public static boolean isFiller(String token) {
        return FILLERS.contains(token);
    }

    /**
     * Value of a single number word: "zero".."nineteen", "twenty".."ninety", "oh"/"o" (0), also
     * hyphenated "twenty-five". Returns -1 for anything else. Pure digit strings are not handled here.
     */
    public static int numberWord(String word) {
        Integer v = NUMBERS.get(word);
        if (v != null) {
            return v;
        }
        int dash = word.indexOf('-');
        if (dash > 0) {
            Integer tens = NUMBERS.get(word.substring(0, dash));
            Integer unit = NUMBERS.get(word.substring(dash + 1));
            if (tens != null && unit != null && tens >= 20 && tens % 10 == 0 && unit >= 1 && unit <= 9) {
                return tens + unit;
            }
        }
        return -1;
    }

    /** Value of an ordinal word "first".."twentieth", "thirtieth" (not compound), or -1. */
    public static int ordinalWord(String word) {
        Integer v = ORDINALS.get(word);
        return v == null ? -1 : v;
    }

    /** True when every char is an ASCII digit (and there is at least one). */
    public static boolean isDigits(String s) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Parses a short all-digit token (at most 9 digits) or returns -1. */
    public static int digitsValue(String s) {
        if (!isDigits(s) || s.length() > 9) {
            return -1;
        }
        return Integer.parseInt(s);
    }

    /**
     * Reads a number of at most two words at {@code i}: digits ("25"), a number word ("five",
     * "twenty-five") or tens + unit ("twenty five"). "oh"/"o" are not read here. Returns
     * {@code value * 4 + consumedTokens} (consumed is 1 or 2), or -1.
     */
    static int readNumber(Tokens tk, int i) {
        if (i < 0 || i >= tk.n) {
            return -1;
        }
        String w = tk.t[i];
        int d = digitsValue(w);
        if (d >= 0) {
            return d * 4 + 1;
        }
        if (w.equals("oh") || w.equals("o")) {
            return -1;
        }
        int v = numberWord(w);
        if (v < 0) {
            return -1;
        }
        if (v >= 20 && v % 10 == 0 && i + 1 < tk.n) {
            int u = numberWord(tk.t[i + 1]);
            if (u >= 1 && u <= 9 && !tk.t[i + 1].equals("o") && !tk.t[i + 1].equals("oh")) {
                return (v + u) * 4 + 2;
            }
        }
        return v * 4 + 1;
    }

    /** Day-of-month ordinal like "15th", "third", "twenty first", "thirty-first"; same packing as readNumber. */
    static int readOrdinal(Tokens tk, int i) {
        if (i < 0 || i >= tk.n) {
            return -1;
        }
        String w = tk.t[i];
        int len = w.length();
        if (len >= 3 && len <= 4 && Character.isDigit(w.charAt(0))) {
            String suffix = w.substring(len - 2);
            String num = w.substring(0, len - 2);
            if (isDigits(num) && (suffix.equals("st") || suffix.equals("nd") || suffix.equals("rd")
                    || suffix.equals("th"))) {
                return Integer.parseInt(num) * 4 + 1;
            }
        }
        int o = ordinalWord(w);
        if (o > 0) {
            return o * 4 + 1;
        }
        int tens = numberWord(w);
        if ((tens == 20 || tens == 30) && i + 1 < tk.n) {
            String next = tk.t[i + 1];
            int u = ordinalWord(next);
            if (u >= 1 && u <= 9) {
                return (tens + u) * 4 + 2;
            }
        }
        int dash = w.indexOf('-');
        if (dash > 0) {
            int t = numberWord(w.substring(0, dash));
            int u = ordinalWord(w.substring(dash + 1));
            if ((t == 20 || t == 30) && u >= 1 && u <= 9) {
                return (t + u) * 4 + 1;
            }
        }
        return -1;
    }

    /** Normalised, filler-free utterance as one string of space-separated tokens. */
    public static String normalize(String text) {
        return tokenize(text).toString();
    }

    /** Normalised, filler-free tokens of an utterance. */
    public static List<String> tokens(String text) {
        return Arrays.asList(tokenize(text).t.clone());
    }

    private static boolean isLetter(char c) {
        return Character.isLetter(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static char quote(char c) {
        return (c == '\u2019' || c == '\u2018' || c == '`' || c == '\u02bc' || c == '\u00b4') ? '\'' : c;
    }

    private static boolean ordinalSuffixAt(String s, int i) {
        if (i + 1 >= s.length()) {
            return false;
        }
        char a = Character.toLowerCase(s.charAt(i));
        char b = Character.toLowerCase(s.charAt(i + 1));
        boolean suffix = (a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd')
                || (a == 't' && b == 'h');
        return suffix && (i + 2 >= s.length() || !isLetter(s.charAt(i + 2)));
    }

    /**
     * Removes recogniser noise tags: "[noise]", "[inaudible]", "<unk>", "{laughter}", "*cough*", and
     * "(cough)" (round brackets only when they hold no digit, so "(416) 555-1234" stays). Each tag becomes a
     * space. Returns the text itself when it holds no tag.
     */
    public static String stripNoiseTags(String text) {
        if (text == null) {
            return null;
        }
        int len = text.length();
        boolean any = false;
        for (int i = 0; i < len && !any; i++) {
            char c = text.charAt(i);
            any = c == '[' || c == '<' || c == '{' || c == '(' || c == '*';
        }
        if (!any) {
            return text;
        }
        StringBuilder sb = new StringBuilder(len);
        int i = 0;
        while (i < len) {
            char c = text.charAt(i);
            char close = switch (c) {
                case '[' -> ']';
                case '<' -> '>';
                case '{' -> '}';
                case '(' -> ')';
                case '*' -> '*';
                default -> 0;
            };
            if (close != 0) {
                int end = text.indexOf(close, i + 1);
                if (end > i && end - i <= 40 && (c != '(' && c != '*' || lettersOnly(text, i + 1, end))) {
                    sb.append(' ');
                    i = end + 1;
                    continue;
                }
                if (c == '[' || c == '<' || c == '{') {
                    sb.append(' '); // an unclosed bracket is noise too
                    i++;
                    continue;
                }
            }
            sb.append(c);
            i++;
        }
        return sb.toString();
    }

    private static boolean lettersOnly(String s, int from, int to) {
        boolean letter = false;
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (Character.isLetter(c)) {
                letter = true;
            } else if (!(c == ' ' || c == '-' || c == '_' || c == '\'')) {
                return false;
            }
        }
        return letter;
    }

    /** Splits and normalises an utterance. Never returns null. */
    static Tokens tokenize(String text) {
        if (text == null || text.isEmpty()) {
            return Tokens.EMPTY;
        }
        text = stripNoiseTags(text);
        int len = text.length();
        List<String> low = new ArrayList<>(16);
        List<String> org = new ArrayList<>(16);
        List<Boolean> glue = new ArrayList<>(16);
        StringBuilder cur = new StringBuilder(16);
        StringBuilder curOrig = new StringBuilder(16);
        for (int i = 0; i < len; i++) {
            char c = quote(text.charAt(i));
            char prev = i > 0 ? quote(text.charAt(i - 1)) : ' ';
            char next = i + 1 < len ? quote(text.charAt(i + 1)) : ' ';
            if (isLetter(c)) {
                if (isDigit(prev) && cur.length() > 0 && !(ordinalSuffixAt(text, i) || continuesOrdinal(text, i))) {
                    flush(cur, curOrig, low, org);
                    markGlued(glue, low);
                }
                cur.append(Character.toLowerCase(c));
                curOrig.append(c);
            } else if (isDigit(c)) {
                if (isLetter(prev) && cur.length() > 0) {
                    flush(cur, curOrig, low, org);
                    markGlued(glue, low);
                }
                cur.append(c);
                curOrig.append(c);
            } else if (c == '\'' && isLetter(prev) && isLetter(next) && cur.length() > 0) {
                cur.append(c);
                curOrig.append(c);
            } else if (c == '-' && isLetter(prev) && isLetter(next) && cur.length() > 0
                    && !numbersHyphenated(cur, text, i)) {
                cur.append(c);
                curOrig.append(c);
            } else if ((c == ':' || c == '/' || c == '.') && isDigit(prev) && isDigit(next) && cur.length() > 0) {
                cur.append(c);
                curOrig.append(c);
            } else if (c == '#' && isDigit(next)) {
                flush(cur, curOrig, low, org); // "(902) 555-0117 #5": an extension follows
                cur.append('#');
                curOrig.append('#');
                flush(cur, curOrig, low, org);
            } else if (c == '+' && cur.length() == 0 && (isDigit(next)
                    || (next == ' ' && i + 2 < len && isDigit(text.charAt(i + 2))))) {
                cur.append('+');
                curOrig.append('+');
                if (next == ' ') {
                    i++; // "+ 1 416..." -> "+1"
                }
            } else {
                flush(cur, curOrig, low, org);
            }
        }
        flush(cur, curOrig, low, org);
        return postProcess(low, org, glue);
    }

    /**
     * Numbers the recogniser joined with hyphens ("four-oh-three", "five-fifty-five", "eleven-thirty") are words of
     * their own; a tens and its unit ("twenty-five") stay one number.
     */
    private static boolean numbersHyphenated(StringBuilder cur, String text, int dash) {
        String left = cur.substring(cur.lastIndexOf("-") + 1);
        int end = dash + 1;
        while (end < text.length() && isLetter(text.charAt(end))) {
            end++;
        }
        String right = text.substring(dash + 1, end).toLowerCase(java.util.Locale.ROOT);
        Integer l = NUMBERS.get(left);
        Integer r = NUMBERS.get(right);
        if (l == null && (left.equals("double") || left.equals("triple"))) {
            return r != null; // "double-nine"
        }
        if (l == null || r == null && !HYPHENATED_COUNTS.contains(right)) {
            return false;
        }
        return !(l >= 20 && l % 10 == 0 && r != null && r >= 1 && r <= 9 && !right.equals("oh") && !right.equals("o"));
    }

    private static final Set<String> HYPHENATED_COUNTS = Set.of("double", "triple", "hundred", "thousand");

    /** Marks the token about to be started as written without a space after the one just flushed. */
    private static void markGlued(List<Boolean> glue, List<String> low) {
        while (glue.size() < low.size()) {
            glue.add(Boolean.FALSE);
        }
        glue.add(Boolean.TRUE);
    }

    /** Second letter of an ordinal suffix ("15th": at 'h'). */
    private static boolean continuesOrdinal(String s, int i) {
        return i >= 2 && isDigit(s.charAt(i - 2)) && ordinalSuffixAt(s, i - 1);
    }

    private static void flush(StringBuilder cur, StringBuilder curOrig, List<String> low, List<String> org) {
        if (cur.length() > 0) {
            String s = cur.toString();
            if (s.equals("+")) {
                s = "plus";
            }
            low.add(s);
            org.add(curOrig.toString());
            cur.setLength(0);
            curOrig.setLength(0);
        }
    }

    private static boolean numberish(String s) {
        return !s.isEmpty() && (Character.isDigit(s.charAt(s.length() - 1)) || NUMBERS.containsKey(s)
                || s.equals("o'clock") || s.equals("noon"));
    }

    /** Words an approximating "-ish" may be glued onto: numbers, times of day and units of time. */
    private static final Set<String> ISH_STEMS = Set.of("noon", "midday", "lunchtime", "hour", "hours", "minutes",
            "mins", "half");

    /** The word before a glued "-ish"/"ish" suffix ("two-ish" -> "two", "tenish" -> "ten"), or null. */
    private static String ishStem(String w) {
        if (w.length() < 5 || !w.endsWith("ish")) {
            return null;
        }
        String stem = w.substring(0, w.length() - (w.charAt(w.length() - 4) == '-' ? 4 : 3));
        return numberWord(stem) >= 0 && !stem.equals("o") || ordinalWord(stem) > 0 || ISH_STEMS.contains(stem)
                ? stem : null;
    }

    /** Words the recogniser writes for a spoken digit ("won" for one, "tree" for three); only read as digits where a
     *  number must be. */
    static final java.util.Map<String, String> MISHEARD_DIGITS = java.util.Map.of("to", "two", "too", "two", "for",
            "four", "fore", "four", "won", "one", "tree", "three", "ate", "eight", "fife", "five", "niner", "nine");

    /** A misheard "to"/"for" between these is the clock's two or four ("at to pm", "around for thirty"). */
    private static final Set<String> CLOCK_BEFORE = Set.of("at", "around", "about", "by");
    /** Minutes after an hour that a misheard "for"/"won"/"ate" opens an answer with ("for thirty on Thursday"). */
    private static final Set<String> CLOCK_MINUTES = Set.of("thirty", "fifteen", "forty-five", "o'clock", "oclock", "pm",
            "p.m.");
    /** Words an answer may open with before its hour. */
    private static final Set<String> FILLERS_BEFORE_CLOCK = Set.of("um", "uh", "er", "erm", "so", "maybe", "say", "like",
            "well", "oh", "hmm");

    private static boolean isUnitWord(String w) {
        return w.startsWith("minute") || w.startsWith("min") || w.startsWith("hour") || w.equals("hr") || w.equals("hrs");
    }

    /** Before "after noon" split by the recogniser, it is the afternoon ("in the after noon", "Friday after noon"). */
    private static final Set<String> AFTERNOON_BEFORE = Set.of("the", "this", "tomorrow", "today", "monday", "tuesday",
            "wednesday", "thursday", "friday", "saturday", "sunday");
    /** A day said before "at" whose hour, said last, was misheard ("tomorrow at for"). */
    private static final Set<String> DAY_BEFORE_AT = Set.of("tomorrow", "today", "monday", "tuesday", "wednesday",
            "thursday", "friday", "saturday", "sunday");
    /** Misheard digits that cannot be a word after "twenty"/"thirty" ("to" and "for" can: "twenty to ten"). */
    private static final Set<String> UNIT_SOUNDS = Set.of("won", "tree", "ate");
    private static final Set<String> CLOCK_AFTER = Set.of("am", "pm", "a.m.", "p.m.", "o'clock", "oclock", "thirty",
            "fifteen", "forty-five", "forty", "ish", "in");

    private static Tokens postProcess(List<String> low, List<String> org, List<Boolean> glue) {
        int n = low.size();
        List<String> outL = new ArrayList<>(n);
        List<String> outO = new ArrayList<>(n);
        boolean[] outG = new boolean[2 * n + 1];
        for (int i = 0; i < n; i++) {
            String w = low.get(i);
            String next = i + 1 < n ? low.get(i + 1) : "";
            String merged = null;
            int skip = 0;
            if ((w.equals("a") || w.equals("p")) && next.equals("m") && !outL.isEmpty()
                    && numberish(outL.get(outL.size() - 1))) {
                merged = w + "m";
                skip = 1;
            } else if (w.equals("o") && next.equals("clock")) {
                merged = "o'clock";
                skip = 1;
            } else if (w.equals("not") && next.equals("before")) {
                merged = "after"; // "not before 11 on Thursday": from 11 on
                skip = 1;
            } else if (w.equals("oclock")) {
                merged = "o'clock";
            } else if (w.equals("to") && next.equals("morrow")) {
                merged = "tomorrow"; // "to morrow": the recogniser split the word
                skip = 1;
            } else if (w.equals("after") && next.equals("noon") && !outL.isEmpty()
                    && AFTERNOON_BEFORE.contains(outL.get(outL.size() - 1))) {
                merged = "afternoon"; // "in the after noon" ("anytime after noon" stays after twelve)
                skip = 1;
            } else if (w.equals("too") && (next.equals("hours") || next.equals("hour") || next.equals("minutes"))) {
                merged = "two"; // "booking for too hours"
            } else if (MISHEARD_DIGITS.containsKey(w) && !outL.isEmpty()
                    && CLOCK_BEFORE.contains(outL.get(outL.size() - 1)) && (CLOCK_AFTER.contains(next)
                    || (next.equals("a") || next.equals("p")) && i + 2 < n && low.get(i + 2).equals("m"))) {
                merged = MISHEARD_DIGITS.get(w); // "at to pm", "at for thirty", "at won thirty": the number, misheard
            } else if ((w.equals("for") || w.equals("fore") || w.equals("won") || w.equals("ate"))
                    && (outL.isEmpty() || FILLERS_BEFORE_CLOCK.contains(outL.get(outL.size() - 1)))
                    && CLOCK_MINUTES.contains(next) && !(i + 2 < n && isUnitWord(low.get(i + 2)))) {
                merged = MISHEARD_DIGITS.get(w); // "for thirty on Thursday", "um, won fifteen": an answer that opens
                                                 // with the hour ("for thirty minutes" stays a length)
            } else if (MISHEARD_DIGITS.containsKey(w) && outL.size() >= 2 && outL.get(outL.size() - 1).equals("at")
                    && DAY_BEFORE_AT.contains(outL.get(outL.size() - 2)) && (next.isEmpty() || next.equals("please"))) {
                merged = MISHEARD_DIGITS.get(w); // "tomorrow at for", "thursday at to": the last word, a misheard hour
            } else if (UNIT_SOUNDS.contains(w) && !outL.isEmpty()
                    && (outL.get(outL.size() - 1).equals("twenty") || outL.get(outL.size() - 1).equals("thirty"))) {
                merged = MISHEARD_DIGITS.get(w); // "october twenty ate": twenty-eight
            } else if (w.equals("fortnight") || w.equals("fortnights")) {
                if (!outL.isEmpty() && (outL.get(outL.size() - 1).equals("a") || outL.get(outL.size() - 1).equals("one"))) {
                    outL.remove(outL.size() - 1);
                    outO.remove(outO.size() - 1);
                }
                outL.add("two");
                outO.add("two");
                outL.add("weeks");
                outO.add("weeks");
                continue;
            } else if (w.equals("uh") && (next.equals("huh") || next.equals("hum"))) {
                merged = "uh-huh";
                skip = 1;
            } else if (w.equals("uh") && next.equals("uh")) {
                merged = "uh-uh";
                skip = 1;
            } else if ((w.equals("mm") || w.equals("mmm") || w.equals("m")) && (next.equals("hmm") || next.equals("hm")
                    || next.equals("hum"))) {
                merged = "mm-hmm";
                skip = 1;
            } else if (w.equals("mhm") || w.equals("mmhmm") || w.equals("mmhm") || w.equals("mm-hm")
                    || w.equals("mhmm") || w.equals("uhuh") || w.equals("uh-hum")) {
                merged = w.startsWith("u") ? "uh-huh" : "mm-hmm";
            } else if (w.equals("you") && next.equals("know") && i + 2 < n) {
                i++; // "you know" filler (kept when it ends the utterance: "I don't you know")
                continue;
            } else if (FILLERS.contains(w)) {
                continue;
            } else if (ishStem(w) != null) {
                String stem = ishStem(w); // "two-ish", "twoish", "noonish", "hour-ish": the word, then "ish"
                outG[outL.size()] = i < glue.size() && glue.get(i);
                outL.add(stem);
                outO.add(org.get(i).substring(0, stem.length()));
                outL.add("ish");
                outO.add("ish");
                continue;
            }
            if (merged != null) {
                outL.add(merged);
                outO.add(merged);
                i += skip;
            } else {
                outG[outL.size()] = i < glue.size() && glue.get(i);
                outL.add(w);
                outO.add(org.get(i));
            }
        }
        return new Tokens(outL.toArray(new String[0]), outO.toArray(new String[0]),
                Arrays.copyOf(outG, outL.size()));
    }
}
