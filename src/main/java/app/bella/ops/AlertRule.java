package app.bella.ops;

import java.time.Instant;
import java.util.List;

/**
 * A source of alerts evaluated by {@link AlertRules} on a timer. A rule reports the conditions firing now; the
 * engine raises those without an open alert and resolves this source's open alerts that are no longer reported
 * (sending the recovery message). New sources — booking failures, SMS delivery failures — are one more
 * implementation added in {@link AlertBeans}; discrete events can also call {@link AlertService#raise} directly.
 */
public interface AlertRule {

    /** Stable name; the alerts this rule raises carry it as their source (and own nothing else). */
    String source();

    /**
     * True when the rule judges this instance's own state (its circuit breakers, its in-memory counts): each instance
     * then raises its own alert ({@code <fingerprint>@<instance>}) and resolves only that one, so two instances never
     * resolve each other's alerts. False (the default) when the rule reads the shared database, where every instance
     * sees the same condition and may raise or resolve the one alert.
     */
    default boolean perInstance() {
        return false;
    }

    /** The conditions firing at {@code now}. Throwing leaves this source's alerts as they are. */
    Result evaluate(Instant now) throws Exception;

    /** One firing condition: its fingerprint identifies the alert. */
    record Condition(String fingerprint, Severity severity, String title, String detail, AlertRaise.Mode mode) {

        public static Condition of(String fingerprint, Severity severity, String title, String detail) {
            return new Condition(fingerprint, severity, title, detail, AlertRaise.Mode.CONDITION);
        }

        /** Raised at most once per fingerprint (e.g. a budget threshold within one month). */
        public static Condition once(String fingerprint, Severity severity, String title, String detail) {
            return new Condition(fingerprint, severity, title, detail, AlertRaise.Mode.ONCE);
        }
    }

    /**
     * @param conclusive false when the rule cannot judge (e.g. too few calls to compute a rate): nothing is raised or
     *                   resolved
     */
    record Result(List<Condition> firing, boolean conclusive) {

        public static Result firing(List<Condition> conditions) {
            return new Result(List.copyOf(conditions), true);
        }

        public static Result clear() {
            return new Result(List.of(), true);
        }

        public static Result unknown() {
            return new Result(List.of(), false);
        }
    }
}
