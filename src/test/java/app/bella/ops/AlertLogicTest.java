package app.bella.ops;

import app.bella.support.Redaction;

import app.bella.support.AdjustableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plain-Java parts of alerting: thresholds, percentiles, routing, redaction, the adjustable clock. */
class AlertLogicTest {

    static final Instant NOW = Instant.parse("2030-04-02T10:00:00Z");

    @Test
    void budgetThresholdsMapToSeverities() {
        BudgetRule rule = new BudgetRule(null, "UTC", new BigDecimal("50"), List.of(100, 80, 90));
        assertThat(rule.judge(new BigDecimal("39.99"), "2030-04").firing()).isEmpty();
        assertThat(rule.judge(new BigDecimal("40.00"), "2030-04").firing()).extracting(AlertRule.Condition::fingerprint)
                .containsExactly("budget:2030-04:80");
        assertThat(rule.judge(new BigDecimal("50.00"), "2030-04").firing()).extracting(AlertRule.Condition::severity)
                .containsExactly(Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL);
        assertThat(rule.judge(new BigDecimal("50.00"), "2030-04").firing())
                .allSatisfy(c -> assertThat(c.mode()).isEqualTo(AlertRaise.Mode.ONCE));
    }

    @Test
    void turnLatencyP99NeedsVolumeAndFiresAboveTarget() {
        AdjustableClock clock = new AdjustableClock(Clock.fixed(NOW, ZoneOffset.UTC));
        TurnLatencyRecorder recorder = new TurnLatencyRecorder("voice-turn", clock, 1000);
        TurnLatencyRule rule = new TurnLatencyRule(recorder, Duration.ofMinutes(15), 20, Duration.ofSeconds(2), Severity.HIGH);
        for (int i = 0; i < 19; i++) {
            recorder.record(100);
        }
        assertThat(rule.evaluate(clock.instant()).conclusive()).as("19 turns: too few").isFalse();
        recorder.record(5000);
        assertThat(rule.evaluate(clock.instant()).firing()).singleElement()
                .satisfies(c -> assertThat(c.title()).contains("p99 5.0 s"));
        clock.advance(Duration.ofMinutes(16));
        assertThat(rule.evaluate(clock.instant()).conclusive()).as("old samples leave the window").isFalse();
        for (int i = 0; i < 100; i++) {
            recorder.record(i == 0 ? 2500 : 300);
        }
        assertThat(rule.evaluate(clock.instant()).firing()).as("one slow turn in 100 is the 1 %").isEmpty();
        assertThat(TurnLatencyRecorder.percentile(new long[] {5, 1, 3, 2, 4}, 50)).isEqualTo(3);
    }

    @Test
    void callSuccessAndOutboxThresholds() {
        CallSuccessRule calls = new CallSuccessRule(null, Duration.ofHours(1), 20, 95, Severity.HIGH);
        assertThat(calls.judge(19, 0).conclusive()).isFalse();
        assertThat(calls.judge(20, 19).firing()).isEmpty();
        assertThat(calls.judge(20, 18).firing()).singleElement().satisfies(c -> assertThat(c.title()).contains("90.0%"));
        OutboxRule outbox = new OutboxRule(null, 1000, 300, Severity.HIGH);
        assertThat(outbox.judge(1000, 300).firing()).isEmpty();
        assertThat(outbox.judge(1001, 0).firing()).hasSize(1);
        assertThat(outbox.judge(1, 301).firing()).hasSize(1);
    }

    @Test
    void breakersOpenOrHalfOpenFire() {
        BreakerRule rule = new BreakerRule(() -> List.of(new BreakerRule.BreakerState("a", "CLOSED"),
                new BreakerRule.BreakerState("b", "OPEN"), new BreakerRule.BreakerState("c", "HALF_OPEN")), Severity.HIGH);
        assertThat(rule.evaluate(NOW).firing()).extracting(AlertRule.Condition::fingerprint)
                .containsExactly("breaker:b", "breaker:c");
    }

    @Test
    void routingBySeverityAndKind() {
        AlertRouting routing = AlertRouting.from(Map.of("bella.alerts.route.critical", "slack, email,sms",
                "bella.alerts.route.high", "slack,email", "bella.alerts.route.medium", "slack", "bella.alerts.route.low", "")::get);
        assertThat(routing.channels(Notice.Kind.RAISED, Severity.CRITICAL)).containsExactly("slack", "email", "sms");
        assertThat(routing.channels(Notice.Kind.RECOVERY, Severity.HIGH)).containsExactly("slack", "email");
        assertThat(routing.channels(Notice.Kind.RAISED, Severity.LOW)).isEmpty();
        assertThat(routing.channels(Notice.Kind.ONCALL, Severity.HIGH)).containsExactly("sms");
        assertThat(routing.channels(Notice.Kind.TEST, Severity.LOW)).containsExactly("slack", "email", "sms");
        assertThatThrownBy(() -> AlertRouting.channels("slack;email")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void redactionKeepsSecretsAndNumbersOutOfErrors() {
        String text = Redaction.text("HTTP operation failed invoking https://hooks.slack.com/services/T1/B2/secret?x=1 "
                + "for +1 587 555 0199 at 2030-04-02 with password=hunter2");
        assertThat(text).contains("https://hooks.slack.com/…").doesNotContain("secret").doesNotContain("0199")
                .doesNotContain("hunter2").contains("2030-04-02");
    }

    @Test
    void theClockOnlyMovesForward() {
        AdjustableClock clock = new AdjustableClock(Clock.fixed(NOW, ZoneOffset.UTC));
        clock.advance(Duration.ofMinutes(15));
        assertThat(clock.instant()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(clock.withZone(ZoneOffset.ofHours(2)).instant()).isEqualTo(clock.instant());
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
