package app.bella.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** p99 of the voice-turn route's processing time over a window (default 15 min, ≥ 20 turns) above the target (2 s). */
public final class TurnLatencyRule implements AlertRule {

    private final TurnLatencyRecorder recorder;
    private final Duration window;
    private final int minimumTurns;
    private final Duration target;
    private final Severity severity;

    public TurnLatencyRule(TurnLatencyRecorder recorder, Duration window, int minimumTurns, Duration target, Severity severity) {
        this.recorder = recorder;
        this.window = window;
        this.minimumTurns = minimumTurns;
        this.target = target;
        this.severity = severity;
    }

    /** This instance's own state: it alone raises and resolves its alert (see AlertRules). */
    @Override
    public boolean perInstance() {
        return true;
    }

    @Override
    public String source() {
        return "turn-latency";
    }

    @Override
    public Result evaluate(Instant now) {
        long[] samples = recorder.since(now.minus(window));
        if (samples.length < minimumTurns) {
            return Result.unknown();
        }
        long p99 = TurnLatencyRecorder.percentile(samples, 99);
        if (p99 <= target.toMillis()) {
            return Result.clear();
        }
        return Result.firing(List.of(Condition.of("turn-latency-p99", severity,
                String.format(Locale.ROOT, "Voice turn p99 %.1f s above %.1f s", p99 / 1000.0, target.toMillis() / 1000.0),
                String.format(Locale.ROOT, "p99 of %d turns in the last %d minutes is %d ms (target %d ms): callers wait.",
                        samples.length, window.toMinutes(), p99, target.toMillis()))));
    }
}
