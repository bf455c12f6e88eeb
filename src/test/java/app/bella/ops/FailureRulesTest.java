package app.bella.ops;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.support.AdjustableClock;
import app.bella.testing.BellaServer;
import app.bella.testing.TwilioCaller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureRulesTest {

    static final Instant NOW = Instant.parse("2025-10-08T16:00:00Z");

    @Test
    void bookingFailuresFireAboveTheLimitWithinTheWindowOnly() {
        AdjustableClock clock = new AdjustableClock(Clock.fixed(NOW, ZoneOffset.UTC));
        BookingFailures failures = new BookingFailures(clock, Duration.ofMinutes(15), 2, Severity.HIGH);
        failures.record();
        failures.record();
        assertThat(failures.evaluate(clock.instant()).firing()).isEmpty();
        failures.record();
        assertThat(failures.evaluate(clock.instant()).firing()).singleElement()
                .satisfies(c -> assertThat(c.detail()).startsWith("3 voice turns or API requests failed"));
        clock.advance(Duration.ofMinutes(16));
        assertThat(failures.evaluate(clock.instant()).firing()).as("the window moved on").isEmpty();
    }

    @Test
    void smsFailuresFireAboveTheLimit() {
        SmsFailureRule rule = new SmsFailureRule(null, Duration.ofMinutes(60), 0, Severity.HIGH);
        assertThat(rule.judge(0).firing()).isEmpty();
        assertThat(rule.judge(2).firing()).singleElement().satisfies(c -> {
            assertThat(c.fingerprint()).isEqualTo("sms-delivery-failures");
            assertThat(c.severity()).isEqualTo(Severity.HIGH);
        });
    }

    @Test
    void aVoiceTurnFailingInsideBellaIsAnsweredPolitelyAndCounted() throws Exception {
        try (BellaServer bella = BellaServer.start(Map.of("bella.twilio.auth-token", "T"))) {
            BookingFailures failures = bella.camel().getRegistry().lookupByNameAndType("bookingFailures", BookingFailures.class);
            java.util.List<TwilioCaller> callers = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                callers.add(new TwilioCaller(bella.baseUrl(), "T", "+1587555077" + i).dial());
            }
            // a fault inside Bella: the table every turn writes is gone
            try (var c = bella.jdbc(); var st = c.createStatement()) {
                st.execute("ALTER TABLE call_turn RENAME TO call_turn_gone");
            }
            for (TwilioCaller caller : callers) {
                TwilioCaller.Exchange answer = caller.post("/twilio/voice/turn?n=1", Map.of("SpeechResult", "hello"));
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.body()).contains("something went wrong on our side").contains("<Hangup/>")
                        .doesNotContain("Exception");
            }
            assertThat(failures.evaluate(Instant.now()).firing()).hasSize(1);
        }
    }
}
