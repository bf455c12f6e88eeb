package app.bella.ops;

import java.util.Objects;

/**
 * A request to raise an alert.
 *
 * @param fingerprint the stable identity of the condition: raises with the same fingerprint count up on one alert
 * @param source      who raises it (a rule's {@link AlertRule#source()}, {@code test}, a component name)
 * @param mode        what a repeat does: see {@link Mode}
 * @param instance    the instance whose own state fired it (a per-instance rule): only that instance resolves it;
 *                    null for a condition every instance judges from the database
 */
public record AlertRaise(String fingerprint, String source, Severity severity, String title, String detail, Mode mode,
                         String instance) {

    public enum Mode {
        /** Every raise counts: an open alert's count goes up and an {@code alert.raised} event is written each time. */
        REPEAT,
        /** A condition: raised when no alert of this fingerprint is open; while one is, only its last-seen moves. */
        CONDITION,
        /** Raised at most once per fingerprint, ever (e.g. "80 % of October's budget"): resolving does not re-arm it. */
        ONCE
    }

    public AlertRaise {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(mode, "mode");
        if (fingerprint == null || fingerprint.isBlank() || fingerprint.length() > 200) {
            throw new IllegalArgumentException("An alert needs a fingerprint of 1 to 200 characters");
        }
        if (title == null || title.isBlank() || title.length() > 300) {
            throw new IllegalArgumentException("An alert needs a title of 1 to 300 characters");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("An alert needs a source");
        }
    }

    public AlertRaise(String fingerprint, String source, Severity severity, String title, String detail, Mode mode) {
        this(fingerprint, source, severity, title, detail, mode, null);
    }

    public static AlertRaise repeating(String fingerprint, String source, Severity severity, String title, String detail) {
        return new AlertRaise(fingerprint, source, severity, title, detail, Mode.REPEAT);
    }
}
