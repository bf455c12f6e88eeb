package app.bella.support;

import java.util.regex.Pattern;

/** Makes an error safe to store and log: no URL paths (a Slack webhook URL is a secret), no phone numbers. */
public final class Redaction {

    private static final Pattern URL = Pattern.compile("(?i)\\b(https?|smtps?)://([^/\\s?#]+)[^\\s\"'<>]*");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d\\s().-]{6,}\\d");
    private static final Pattern CREDENTIALS = Pattern.compile("(?i)(password|token|secret|key)=[^&\\s]*");

    private Redaction() {
    }

    public static String error(Throwable e) {
        if (e == null) {
            return "unknown error";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e == root ? describe(e) : describe(e) + " (cause: " + describe(root) + ")";
        return text(text);
    }

    public static String text(String text) {
        if (text == null) {
            return null;
        }
        String out = URL.matcher(text).replaceAll("$1://$2/…");
        out = CREDENTIALS.matcher(out).replaceAll("$1=…");
        out = PHONE.matcher(out).replaceAll(m -> looksLikePhone(m.group()) ? "<number>" : m.group().replace("$", "\\$"));
        return out.length() > 500 ? out.substring(0, 500) + "…" : out;
    }

    /** 8–15 digits and a leading + (E.164), or 10–15 digits: dates, times and addresses stay readable. */
    private static boolean looksLikePhone(String candidate) {
        long digits = candidate.chars().filter(Character::isDigit).count();
        return digits <= 15 && (candidate.startsWith("+") ? digits >= 8 : digits >= 10 && !candidate.contains("."));
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
