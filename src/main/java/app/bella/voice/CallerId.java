package app.bella.voice;

import java.util.Set;
import java.util.regex.Pattern;

/** Twilio's From parameter as an E.164 number, or null for withheld, anonymous or malformed caller IDs. */
final class CallerId {

    private static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{7,14}$");
    /** Twilio's stand-ins for a hidden number. */
    private static final Set<String> ANONYMOUS = Set.of("+266696687", "+7378742833", "+2562533", "+8656696");

    private CallerId() {
    }

    static String normalise(String from) {
        if (from == null) {
            return null;
        }
        String s = from.strip().replaceAll("[\\s().-]", "");
        if (s.matches("^1?[2-9]\\d{9}$")) {
            s = "+" + (s.length() == 10 ? "1" + s : s);
        }
        if (!E164.matcher(s).matches() || ANONYMOUS.contains(s)) {
            return null;
        }
        if (s.startsWith("+1") && (s.length() != 12 || s.charAt(2) < '2' || s.charAt(5) < '2')) {
            return null; // not a valid NANP number
        }
        return s;
    }

    /**
     * The digits of a caller ID that is present but not a usable number ("+1 555 123 4567": no such exchange), or null
     * (valid, withheld or anonymous): such a caller may still say that very number, and is not asked again and again.
     */
    static String invalidDigits(String from) {
        if (from == null || normalise(from) != null) {
            return null;
        }
        String s = from.strip().replaceAll("[\\s().+-]", "");
        if (!s.matches("\\d{10,15}") || ANONYMOUS.contains("+" + s)) {
            return null;
        }
        return s.length() == 10 ? "1" + s : s;
    }
}
