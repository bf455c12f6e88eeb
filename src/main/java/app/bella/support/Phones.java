package app.bella.support;

import java.util.regex.Pattern;

/** Phone numbers as logs may show them: all but the last four digits masked. */
public final class Phones {

    private static final Pattern NUMBER = Pattern.compile("\\+?\\d[\\d\\s().-]{6,}\\d");

    private Phones() {
    }

    /** "+15875550123" → "***0123". */
    public static String mask(String phone) {
        if (phone == null || phone.isBlank()) {
            return "(none)";
        }
        String digits = phone.replaceAll("\\D", "");
        return digits.length() <= 4 ? "****" : "***" + digits.substring(digits.length() - 4);
    }

    /** Every phone-number-like run of digits in a free text (an error message from Twilio) masked. */
    public static String maskAll(String text) {
        return text == null ? null : NUMBER.matcher(text).replaceAll(m -> mask(m.group()));
    }
}
