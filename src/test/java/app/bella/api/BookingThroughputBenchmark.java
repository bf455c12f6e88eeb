package app.bella.api;

import app.bella.testing.BellaServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Booking throughput through the REST API: the real application on the embedded PostgreSQL (and Kafka) of the test
 * harness, N distinct slots booked by C concurrent HTTP/1.1 clients, each request a full POST /api/appointments (API
 * key check, rate-limit counter, Idempotency-Key, availability check, customer upsert, insert under the exclusion
 * constraint, commit). Prints bookings/s and latency percentiles. Not a test: run it by hand (docs/benchmarks.md).
 *
 * <p>Arguments: [bookings=4000] [clients=16] [warm-up bookings=500].
 */
public final class BookingThroughputBenchmark {

    private static final String KEY = BellaServer.ADMIN_KEY;
    private static final ZoneId ZONE = ZoneId.of("America/Edmonton");

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        try (BellaServer bella = BellaServer.start(Map.of(
                "bella.clock", "2025-10-08T10:00:00-06:00",
                "bella.timezone", ZONE.getId(),
                "bella.schedule.hours", "Mon-Sun 08:00-20:00",
                "bella.schedule.horizon-days", "400",
                "bella.api.bootstrap-api-key", KEY,
                "bella.api.rate-limit-per-hour", "1000000"))) {
            List<ZonedDateTime> slots = slots(warmup + n);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            run(bella, http, slots.subList(0, warmup), clients, "warm-up");
            long[] latencies = run(bella, http, slots.subList(warmup, warmup + n), clients, "measured");
            Arrays.sort(latencies);
            System.out.printf("p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", pct(latencies, 50), pct(latencies, 99),
                    latencies[latencies.length - 1] / 1e6);
        }
        System.exit(0);
    }

    /** Books every slot once; returns the latency of each request in nanoseconds. */
    private static long[] run(BellaServer bella, HttpClient http, List<ZonedDateTime> slots, int clients, String label)
            throws Exception {
        long[] latencies = new long[slots.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < clients; w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < slots.size(); i = next.getAndIncrement()) {
                    String start = slots.get(i).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                    String phone = "+1" + (2000000000L + i + (label.equals("warm-up") ? 0 : 1_000_000));
                    String body = "{\"name\":\"Bench Mark\",\"phone\":\"" + phone + "\",\"start\":\"" + start
                            + "\",\"durationMinutes\":30}";
                    HttpRequest req = HttpRequest.newBuilder(URI.create(bella.baseUrl() + "/api/appointments"))
                            .timeout(Duration.ofSeconds(30)).header("X-API-Key", KEY).header("Content-Type", "application/json")
                            .header("Idempotency-Key", label + "-" + i).POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long s = System.nanoTime();
                    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                    latencies[i] = System.nanoTime() - s;
                    if (r.statusCode() != 201 && failed.incrementAndGet() <= 3) {
                        System.err.println("unexpected " + r.statusCode() + " " + r.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        System.out.printf("%s: %d bookings by %d clients in %.2f s = %.0f bookings/s (%d not 201)%n", label, slots.size(),
                clients, seconds, slots.size() / seconds, failed.get());
        return latencies;
    }

    /** Distinct 30-minute starts, 08:00-19:30 every day from the day after "now". */
    private static List<ZonedDateTime> slots(int count) {
        List<ZonedDateTime> out = new ArrayList<>(count);
        ZonedDateTime day = ZonedDateTime.of(2025, 10, 9, 8, 0, 0, 0, ZONE);
        while (out.size() < count) {
            for (int m = 0; m < 12 * 60 && out.size() < count; m += 30) {
                out.add(day.plusMinutes(m));
            }
            day = day.plusDays(1).withHour(8).withMinute(0);
        }
        return out;
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
