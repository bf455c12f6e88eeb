package app.bella.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.ApiClient;
import app.bella.testing.ApiClient.Reply;
import app.bella.testing.BellaServer;
import app.bella.testing.TwilioCaller;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 200 requests for the same slot at the same moment, from the REST API and from phone calls answering "yes" to the
 * same read-back: exactly as many bookings as there are providers, and every other caller offered other times.
 */
class BookingConcurrencyTest {

    static final String TOKEN = "concurrency-token";
    static final String KEY = BellaServer.ADMIN_KEY;
    static final int REQUESTS = 200;
    static final int CALLS = 10;
    static BellaServer bella;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        bella = BellaServer.start(Map.of(
                "bella.clock", "2025-10-08T10:00:00-06:00",
                "bella.timezone", "America/Edmonton",
                "bella.twilio.auth-token", TOKEN,
                "bella.api.bootstrap-api-key", KEY,
                "bella.api.rate-limit-per-hour", "0"));
        api = new ApiClient(bella, KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
    }

    @Test
    void oneProviderOneBooking() throws Exception {
        race("2025-10-09T14:00:00-06:00", "tomorrow at 2 pm", 100, 1);
    }

    @Test
    void threeProvidersThreeBookings() throws Exception {
        assertThat(api.post("/api/providers", Map.of("name", "Second")).status()).isEqualTo(201);
        assertThat(api.post("/api/providers", Map.of("name", "Third")).status()).isEqualTo(201);
        try {
            race("2025-10-10T11:00:00-06:00", "Friday at 11 am", 200, 3);
        } finally {
            for (var p : api.get("/api/providers").json()) {
                if (!p.get("name").asText().equals("Default")) {
                    api.delete("/api/providers/" + p.get("id").asLong());
                }
            }
        }
    }

    private void race(String slot, String spoken, int phoneBase, int providers) throws Exception {
        // the callers first get as far as the read-back of the same (still free) slot
        List<TwilioCaller> callers = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            TwilioCaller c = new TwilioCaller(bella.baseUrl(), TOKEN, "+1780555" + (phoneBase + i) + "00".substring(0, 1))
                    .dial().say("I'm Caller Number", spoken);
            assertThat(c.lastPrompt()).contains("Is that correct?");
            callers.add(c);
        }
        ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<Reply>> http = new ArrayList<>();
        List<Future<TwilioCaller>> voice = new ArrayList<>();
        try {
            for (int i = 0; i < REQUESTS - CALLS; i++) {
                String phone = "+1403666" + String.format("%04d", phoneBase * 10 + i);
                http.add(pool.submit(gated(gate, () -> api.post("/api/appointments",
                        Map.of("name", "Http Client", "phone", phone, "start", slot, "durationMinutes", 30)))));
            }
            for (TwilioCaller c : callers) {
                voice.add(pool.submit(gated(gate, () -> c.say("yes"))));
            }
            gate.countDown();
            int httpBooked = 0;
            for (Future<Reply> f : http) {
                Reply r = f.get();
                if (r.status() == 201) {
                    httpBooked++;
                } else {
                    assertThat(r.status()).as(r.toString()).isEqualTo(409);
                    assertThat(r.json().get("alternatives").size()).as(r.toString()).isPositive();
                }
            }
            int voiceBooked = 0;
            for (Future<TwilioCaller> f : voice) {
                TwilioCaller c = f.get();
                if (c.lastPrompt().contains("You're all set")) {
                    voiceBooked++;
                } else {
                    assertThat(c.lastPrompt()).contains("already taken").contains("The nearest free times are");
                }
            }
            assertThat(httpBooked + voiceBooked).isEqualTo(providers);
            assertThat(bookedAt(slot)).isEqualTo(providers);
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> Callable<T> gated(CountDownLatch gate, Callable<T> work) {
        return () -> {
            gate.await();
            return work.call();
        };
    }

    private static long bookedAt(String slot) throws Exception {
        try (Connection c = bella.jdbc(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(DISTINCT provider_id), count(*) FROM appointment WHERE status = 'booked'"
                     + " AND lower(during) = '" + slot + "'::timestamptz")) {
            rs.next();
            assertThat(rs.getLong(1)).as("one booking per provider").isEqualTo(rs.getLong(2));
            return rs.getLong(2);
        }
    }
}
