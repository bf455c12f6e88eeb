package app.bella.voice;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The caller's number in the dialogue's words: its spoken ending, the caller ID said back, an ending corrected. */
final class CallerNumbers {

    /** "my number ends in 0199", "it should end with 99": the ending said, to replace the one read back. */
    private static final Pattern ENDS_IN = Pattern.compile(
            "\\b(?:number|phone|it)\\s+(?:ends|should end|finishes)\\s+(?:in|with)\\s+(\\d[\\d\\s-]{0,6}\\d)\\b",
            Pattern.CASE_INSENSITIVE);

    private CallerNumbers() {
    }

    /** The last four digits, spaced to be read one by one: "the number ending in 0 1 9 2". */
    static String lastDigits(String phone) {
        return phone == null || phone.length() < 4 ? "" : String.join(" ", phone.substring(phone.length() - 4).split(""));
    }

    /** The number the call comes from: the caller ID, or the digits of one that is not a valid number; null when withheld. */
    static String ofCall(CallState s) {
        return s.from != null ? s.from : s.fromDigits != null ? "+" + s.fromDigits : null;
    }

    /** Whether the digits said (or typed) are {@code callerDigits}, with or without the country code. */
    static boolean says(String text, String callerDigits) {
        if (text == null || callerDigits == null) {
            return false;
        }
        StringBuilder d = new StringBuilder();
        int repeat = 1;
        for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (w.isEmpty()) {
                continue;
            }
            if (w.equals("double") || w.equals("triple")) {
                repeat = w.equals("double") ? 2 : 3;
                continue;
            }
            String digit = switch (w) {
                case "zero", "oh", "o" -> "0";
                case "one" -> "1";
                case "two" -> "2";
                case "three" -> "3";
                case "four" -> "4";
                case "five" -> "5";
                case "six" -> "6";
                case "seven" -> "7";
                case "eight" -> "8";
                case "nine" -> "9";
                default -> w.matches("\\d+") ? w : null;
            };
            if (digit != null) {
                d.append(digit.repeat(digit.length() == 1 ? repeat : 1));
            }
            repeat = 1;
        }
        String said = d.toString();
        return said.length() >= 10 && (said.equals(callerDigits) || callerDigits.endsWith(said));
    }

    /**
     * "My number ends in 0199, not 0189": the number read back with its last digits replaced by the ones said after
     * "ends in"; null when nothing like that was said.
     */
    static String withEndingSaid(String phone, String text) {
        if (phone == null || text == null) {
            return null;
        }
        Matcher m = ENDS_IN.matcher(text);
        if (!m.find()) {
            return null;
        }
        String digits = m.group(1).replaceAll("\\D", "");
        return digits.length() >= 2 && digits.length() <= 4 && phone.length() > digits.length() + 4
                && !phone.endsWith(digits) ? phone.substring(0, phone.length() - digits.length()) + digits : null;
    }
}
