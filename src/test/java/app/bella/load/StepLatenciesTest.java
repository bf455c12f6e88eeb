package app.bella.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StepLatenciesTest {

    @Test
    void aStepsKindIsItsRequestNameWithoutTheQuestion() {
        assertThat(StepLatencies.kind("turn ask-time")).isEqualTo("turn");
        assertThat(StepLatencies.kind("turn confirm-cancel")).isEqualTo("turn");
        assertThat(StepLatencies.kind("recorded ask-name")).isEqualTo("recorded");
        assertThat(StepLatencies.kind("call start")).isEqualTo("call start");
        assertThat(StepLatencies.kind("poll")).isEqualTo("poll");
    }

    @Test
    void turnsOfEveryQuestionArePooledAndRankedWithTheirRate() {
        StepLatencies latencies = new StepLatencies(Duration.ZERO);
        long second = 1_000_000_000L;
        for (int i = 1; i <= 100; i++) {
            latencies.record(i % 2 == 0 ? "turn ask-time" : "turn confirm", i, i * second / 10); // 100 over 9.9 s
        }
        latencies.record("call start", 7, 0);

        assertThat(latencies.report()).containsExactly(
                "step call start: 1, 1/s, p50 7 ms, p90 7 ms, p99 7 ms, max 7 ms",
                "step turn: 100, 10/s, p50 50 ms, p90 90 ms, p99 99 ms, max 100 ms");
    }

    @Test
    void theSteadyPartLeavesTheSettlingSecondsOutAndNamesItsWorstTenSeconds() {
        StepLatencies latencies = new StepLatencies(Duration.ofSeconds(5));
        long second = 1_000_000_000L;
        for (int s = 0; s < 30; s++) { // 30 s, 10 turns a second: slow in the first 5 s, one slow second at 20 s
            for (int i = 0; i < 10; i++) {
                long ms = s < 5 ? 500 : s == 20 ? 40 : 4;
                latencies.record("turn ask-time", ms, s * second + i * second / 10);
            }
        }

        assertThat(latencies.report()).containsExactly(
                "step turn: 300, 10/s, p50 4 ms, p90 500 ms, p99 500 ms, max 500 ms",
                "step turn after 5 s: 250, 10/s, p50 4 ms, p90 4 ms, p99 40 ms, max 40 ms, worst 10 s p99 40 ms");
    }
}
