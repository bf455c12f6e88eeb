package app.bella.ops;

import java.util.Locale;

/** How urgent an alert is; decides its channels (see {@link AlertRouting}) and whether it escalates. */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Unknown severity '" + text + "': expected critical, high, medium or low");
        }
    }

    /** Critical and high alerts escalate when nobody acknowledges them. */
    public boolean escalates() {
        return this == CRITICAL || this == HIGH;
    }
}
