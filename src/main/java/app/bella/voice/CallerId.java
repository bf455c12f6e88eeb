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
}
