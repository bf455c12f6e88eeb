package app.bella.voice;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.BellaServer;
import app.bella.testing.TwilioCaller;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Webhook latency of turns that need no outside service (Twilio speech, rules extraction): complete booking calls
 * against the real application on the embedded test PostgreSQL, timing every webhook the caller makes.
 * Run: ./mvnw -B -q test -Dtest=VoiceTurnLatencyBenchmark -Dsurefire.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false
 */
@Tag("benchmark")
class VoiceTurnLatencyBenchmark {

    @Test
    void bookingCalls() throws Exception {
        try (BellaServer bella = BellaServer.start(Map.of(
                "bella.clock", "2025-10-08T10:00:00-06:00",
                "bella.twilio.auth-token", "bench",
                "bella.schedule.horizon-days", "400"))) {
            List<Long> nanos = new ArrayList<>();
            LocalDate day = LocalDate.of(2025, 10, 9);
            int calls = 0;
            for (int i = 0; i < 300; i++) {
                while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                    day = day.plusDays(1);
                }
                int hour = 9 + (i % 8);
                TwilioCaller c = new TwilioCaller(bella.baseUrl(), "bench", "+1587556" + String.format("%04d", i));
                long t0 = System.nanoTime();
                c.dial();
                nanos.add(System.nanoTime() - t0);
                for (String said : new String[] {"My name is Pat Lee", day.getMonth() + " " + day.getDayOfMonth() + " at " + hour
                        + (hour < 12 ? " am" : " pm"), "yes"}) {
                    t0 = System.nanoTime();
                    c.say(said);
                    nanos.add(System.nanoTime() - t0);
                }
                assertThat(c.ended).isEqualTo("hangup");
                calls++;
                if (hour == 16) {
                    day = day.plusDays(1);
                }
            }
            // the first fifth of the webhooks, in the order they were made, warms the JIT and is not counted
            List<Long> measured = new ArrayList<>(nanos.subList(nanos.size() / 5, nanos.size()));
            Collections.sort(measured);
            System.out.printf("voice turns: %d calls, %d webhooks measured; p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    calls, measured.size(), pct(measured, 0.50), pct(measured, 0.90), pct(measured, 0.99),
                    measured.get(measured.size() - 1) / 1e6);
            assertThat(calls).isEqualTo(300);
        }
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.round(p * (sorted.size() - 1)))) / 1e6;
    }
}
