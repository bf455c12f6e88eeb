package app.bella.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.time.Instant;

/** Every circuit breaker of every route: open or half-open raises "breaker:&lt;id&gt;", closed again resolves it. */
public final class BreakerRule implements AlertRule {

    /** A breaker's id and its resilience4j state (CLOSED, OPEN, HALF_OPEN, FORCED_OPEN, DISABLED, METRICS_ONLY). */
    public record BreakerState(String id, String state) {
    }

    private final Supplier<List<BreakerState>> breakers;
    private final Severity severity;

    public BreakerRule(Supplier<List<BreakerState>> breakers, Severity severity) {
        this.breakers = breakers;
        this.severity = severity;
    }

    /** This instance's own state: it alone raises and resolves its alert (see AlertRules). */
    @Override
    public boolean perInstance() {
        return true;
    }

    @Override
    public String source() {
        return "circuit-breaker";
    }

    @Override
    public Result evaluate(Instant now) {
        List<Condition> firing = new ArrayList<>();
        for (BreakerState b : breakers.get()) {
            String state = b.state() == null ? "" : b.state().toUpperCase(Locale.ROOT);
            if (state.equals("OPEN") || state.equals("HALF_OPEN") || state.equals("FORCED_OPEN")) {
                firing.add(Condition.of("breaker:" + b.id(), severity, "Circuit breaker " + b.id() + " open",
                        "The circuit breaker " + b.id() + " is " + state.replace('_', '-').toLowerCase(Locale.ROOT)
                                + ": calls through it are refused or use their fallback."));
            }
        }
        return Result.firing(firing);
    }
}
