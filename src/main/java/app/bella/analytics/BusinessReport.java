package app.bella.analytics;

import app.bella.costs.CostReport;
import app.bella.support.Sql;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The practice's business in figures (GET /api/unified/business-metrics), test calls left out: calls and bookings per
 * hour (last 24 h) and per day (a daily roll-up kept in PostgreSQL), call success (the call-success SLO's outcomes),
 * turn and API answer times, speech-recognition quality (Twilio's confidence, re-asks, corrections), extraction
 * success per slot and path, cost per call and per booked appointment, and errors by kind. The same figures are
 * Prometheus gauges ({@code bella_business_*}).
 */
public final class BusinessReport {

    // the records are the answer's schema in /api/openapi.json (named for the document; null: no data yet)
    @Schema(name = "BusinessHour", description = "Calls and bookings in one clock hour")
    public record Hour(@Schema(format = "date-time") String hour, long calls, long bookings) {
    }

    @Schema(name = "BusinessDay", description = "One day of the daily roll-up (practice time zone)")
    public record Day(@Schema(format = "date") String day, long calls, long succeeded, long bookings, long phoneBookings,
                      @Schema(nullable = true) Double successRate, long turns, @Schema(nullable = true) Double reaskRate,
                      @Schema(nullable = true) Double correctionRate, BigDecimal cost,
                      @Schema(nullable = true) BigDecimal costPerCall, @Schema(nullable = true) BigDecimal costPerBookedAppointment) {
    }

    @Schema(description = "Calls that ended with one of the successful outcomes")
    public record CallSuccess(long calls, long succeeded, @Schema(nullable = true) Double rate, List<String> successfulOutcomes) {
    }

    @Schema(name = "LatencyPercentiles", description = "milliseconds")
    public record Percentiles(String source, long count, @Schema(nullable = true) Double p50,
                              @Schema(nullable = true) Double p95, @Schema(nullable = true) Double p99) {
    }

    @Schema(name = "BusinessLatency")
    public record Latency(Percentiles turnMs, Percentiles apiMs, Percentiles webhookMs) {
    }

    @Schema(name = "SpeechEngine")
    public record Engine(@Schema(allowableValues = {"twilio", "whisper", "keypad", "none"}) String engine, long turns,
                         long understood, @Schema(nullable = true) Double understoodRate,
                         @Schema(nullable = true) Double meanConfidence) {
    }

    @Schema(name = "SpeechQuality")
    public record Speech(long turns, @Schema(nullable = true) Double meanConfidence, long turnsWithConfidence, long reasked,
                         @Schema(nullable = true) Double reaskRate, long corrected, @Schema(nullable = true) Double correctionRate,
                         List<Engine> byEngine) {
    }

    @Schema(description = "How often an expected slot was understood, per extraction path")
    public record SlotExtraction(String slot, @Schema(allowableValues = {"rules", "model"}) String path, long turns,
                                 long understood, @Schema(nullable = true) Double successRate) {
    }

    @Schema(name = "BusinessCosts")
    public record Costs(String month, String currency, long calls, @Schema(nullable = true) BigDecimal costPerCall, long bookings,
                        @Schema(nullable = true) BigDecimal costPerBookedAppointment) {
    }

    @Schema(name = "BusinessMetrics", description = "Business figures, test calls left out (docs/unified-api.md)")
    public record View(@Schema(format = "date-time") String at, String timezone, int windowDays,
                       @Schema(description = "the last 24 clock hours") List<Hour> hourly,
                       @Schema(description = "the last 30 days") List<Day> daily, CallSuccess callSuccess,
                       Latency latency, Speech speech, List<SlotExtraction> extraction, Costs costs,
                       @Schema(description = "errors by kind, the 50 most recently seen") List<ErrorKinds.ErrorKind> errors) {
    }

    /** Answer times of this instance: turn latencies (ms) since a moment, and the Micrometer registry. */
    public record Timings(Function<Instant, long[]> turnMillisSince, Supplier<MeterRegistry> meters) {
    }

    private static final int DAYS = 30;

    private final DataSource dataSource;
    private final Clock clock;
    private final ZoneId zone;
    private final CostReport costs;
    private final ErrorKinds errors;
    private final List<String> successful;
    private final int windowDays;
    private final Timings timings;
    private volatile View latest;

    public BusinessReport(DataSource dataSource, Clock clock, ZoneId zone, CostReport costs, ErrorKinds errors,
                          Set<String> successfulOutcomes, int windowDays, Timings timings) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.zone = zone;
        this.costs = costs;
        this.errors = errors;
        this.successful = successfulOutcomes.stream().sorted().toList();
        this.windowDays = windowDays;
        this.timings = timings;
    }

    /** Rolls the daily trend up from yesterday on (the first time: the last 30 days). Called every snapshot period. */
    public void rollup() throws SQLException {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        try (Connection c = dataSource.getConnection()) {
            boolean any;
            try (PreparedStatement ps = c.prepareStatement(Sql.get("business-daily-any")); ResultSet rs = ps.executeQuery()) {
                any = rs.next() && rs.getBoolean(1);
            }
            OffsetDateTime from = ts(today.minusDays(any ? 1 : DAYS).atStartOfDay(zone).toInstant());
            try (PreparedStatement ps = c.prepareStatement(Sql.get("business-daily-rollup"))) {
                int i = 1;
                ps.setString(i++, zone.getId());
                ps.setArray(i++, c.createArrayOf("text", successful.toArray()));
                ps.setObject(i++, from);
                for (int k = 0; k < 3; k++) {
                    ps.setString(i++, zone.getId());
                    ps.setObject(i++, from);
                }
                ps.setObject(i, ts(clock.instant()));
                ps.executeUpdate();
            }
        }
    }

    public View view() throws SQLException {
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Instant windowFrom = today.minusDays(windowDays - 1L).atStartOfDay(zone).toInstant();
        Instant hourFrom = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(23));
        List<Hour> hourly = new ArrayList<>();
        List<Day> daily = new ArrayList<>();
        CallSuccess success;
        Speech speech;
        List<SlotExtraction> extraction = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            Map<Instant, long[]> byHour = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(Sql.get("business-hourly"))) {
                ps.setObject(1, ts(hourFrom));
                ps.setObject(2, ts(hourFrom));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byHour.put(rs.getObject(1, OffsetDateTime.class).toInstant(), new long[] {rs.getLong(2), rs.getLong(3)});
                    }
                }
            }
            for (Instant h = hourFrom; !h.isAfter(now); h = h.plus(Duration.ofHours(1))) {
                long[] v = byHour.getOrDefault(h, new long[2]);
                hourly.add(new Hour(h.toString(), v[0], v[1]));
            }
            try (PreparedStatement ps = c.prepareStatement(Sql.get("business-daily"))) {
                ps.setObject(1, today.minusDays(DAYS - 1L));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long calls = rs.getLong("calls");
                        long phoneBookings = rs.getLong("phone_bookings");
                        long turns = rs.getLong("turns");
                        BigDecimal cost = rs.getBigDecimal("cost");
                        daily.add(new Day(rs.getObject("day", LocalDate.class).toString(), calls, rs.getLong("succeeded"), rs.getLong("bookings"),
                                phoneBookings, rate(rs.getLong("succeeded"), calls), turns, rate(rs.getLong("reasked"), turns),
                                rate(rs.getLong("corrected"), turns), money(cost), divide(cost, calls),
                                divide(rs.getBigDecimal("booked_cost"), phoneBookings)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(Sql.get("business-calls"))) {
                ps.setArray(1, c.createArrayOf("text", successful.toArray()));
                ps.setObject(2, ts(windowFrom));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    success = new CallSuccess(rs.getLong(1), rs.getLong(2), rate(rs.getLong(2), rs.getLong(1)), successful);
                }
            }
            long turns = 0;
            long reasked = 0;
            long corrected = 0;
            long withConfidence = 0;
            double confidenceSum = 0;
            Map<String, long[]> engines = new TreeMap<>(); // turns, understood, with confidence
            Map<String, double[]> engineConfidence = new TreeMap<>();
            Map<String, long[]> slots = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(Sql.get("business-turns"))) {
                ps.setObject(1, ts(windowFrom));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String slot = rs.getString("expected_slot");
                        String engine = rs.getString("engine");
                        String path = rs.getString("extractor");
                        long n = rs.getLong("turns");
                        long understood = rs.getLong("understood");
                        long conf = rs.getLong("with_confidence");
                        double confSum = rs.getDouble("confidence_sum");
                        turns += n;
                        reasked += rs.getLong("reasked");
                        corrected += rs.getLong("corrected");
                        withConfidence += conf;
                        confidenceSum += confSum;
                        long[] e = engines.computeIfAbsent(engine == null ? "none" : engine, k -> new long[3]);
                        e[0] += n;
                        e[1] += understood;
                        e[2] += conf;
                        engineConfidence.computeIfAbsent(engine == null ? "none" : engine, k -> new double[1])[0] += confSum;
                        if (slot != null) {
                            long[] s = slots.computeIfAbsent(slot + "|" + (path == null ? "rules" : path), k -> new long[2]);
                            s[0] += n;
                            s[1] += understood;
                        }
                    }
                }
            }
            List<Engine> byEngine = new ArrayList<>();
            engines.forEach((engine, v) -> byEngine.add(new Engine(engine, v[0], v[1], rate(v[1], v[0]),
                    v[2] == 0 ? null : round(engineConfidence.get(engine)[0] / v[2]))));
            speech = new Speech(turns, withConfidence == 0 ? null : round(confidenceSum / withConfidence), withConfidence,
                    reasked, rate(reasked, turns), corrected, rate(corrected, turns), byEngine);
            slots.forEach((key, v) -> {
                String[] k = key.split("\\|");
                extraction.add(new SlotExtraction(k[0], k[1], v[0], v[1], rate(v[1], v[0])));
            });
        }
        CostReport.Month month = costs.month(costs.currentMonth());
        Costs cost = new Costs(month.month().toString(), month.currency(), month.calls(), money(month.costPerCall()),
                month.bookings(), money(month.costPerBookedAppointment()));
        View view = new View(now.toString(), zone.getId(), windowDays, hourly, daily, success, latency(now), speech, extraction, cost,
                errors.recent(50));
        latest = view;
        return view;
    }

    private Latency latency(Instant now) {
        long[] turns = timings.turnMillisSince().apply(now.minus(Duration.ofHours(24)));
        Percentiles turn = new Percentiles("this instance, last 24 h", turns.length, percentile(turns, 50), percentile(turns, 95),
                percentile(turns, 99));
        MeterRegistry meters = timings.meters().get();
        return new Latency(turn, histogram(meters, "api"), histogram(meters, "webhook"));
    }

    /** Percentiles from the bella.http.answers histogram (bucket upper bounds, so at most one bucket high). */
    static Percentiles histogram(MeterRegistry meters, String kind) {
        Timer timer = meters == null ? null : meters.find("bella.http.answers").tag("kind", kind).timer();
        if (timer == null || timer.count() == 0) {
            return new Percentiles("this instance since start", 0, null, null, null);
        }
        HistogramSnapshot snapshot = timer.takeSnapshot();
        CountAtBucket[] buckets = snapshot.histogramCounts();
        long total = snapshot.count();
        return new Percentiles("this instance since start", total, bucketPercentile(buckets, total, 0.50),
                bucketPercentile(buckets, total, 0.95), bucketPercentile(buckets, total, 0.99));
    }

    private static Double bucketPercentile(CountAtBucket[] buckets, long total, double p) {
        for (CountAtBucket b : buckets) { // counts are cumulative
            if (b.count() >= p * total) {
                return round(b.bucket(TimeUnit.MILLISECONDS));
            }
        }
        return buckets.length == 0 ? null : round(buckets[buckets.length - 1].bucket(TimeUnit.MILLISECONDS));
    }

    /** Nearest-rank percentile; null without samples. */
    static Double percentile(long[] values, int p) {
        if (values.length == 0) {
            return null;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return (double) sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Gauges reading the latest view (refreshed on each read and each roll-up). */
    public void register(MeterRegistry registry) {
        Map<String, Function<View, Number>> gauges = new LinkedHashMap<>();
        gauges.put("bella.business.call.success.ratio", v -> v.callSuccess().rate());
        gauges.put("bella.business.speech.confidence.mean", v -> v.speech().meanConfidence());
        gauges.put("bella.business.speech.reask.ratio", v -> v.speech().reaskRate());
        gauges.put("bella.business.speech.correction.ratio", v -> v.speech().correctionRate());
        gauges.put("bella.business.cost.per.call", v -> v.costs().costPerCall());
        gauges.put("bella.business.cost.per.booked.appointment", v -> v.costs().costPerBookedAppointment());
        gauges.put("bella.business.calls.last.24h", v -> v.hourly().stream().mapToLong(Hour::calls).sum());
        gauges.put("bella.business.bookings.last.24h", v -> v.hourly().stream().mapToLong(Hour::bookings).sum());
        gauges.forEach((name, read) -> Gauge.builder(name, this, r -> {
            View v = r.latest;
            Number n = v == null ? null : read.apply(v);
            return n == null ? Double.NaN : n.doubleValue();
        }).register(registry));
        for (String slot : List.of("name", "phone", "datetime", "service", "confirmation", "intent")) {
            for (String path : List.of("rules", "model")) {
                Gauge.builder("bella.business.extraction.success.ratio", this, r -> {
                    View v = r.latest;
                    return v == null ? Double.NaN : v.extraction().stream().filter(e -> e.slot().equals(slot) && e.path().equals(path))
                            .map(SlotExtraction::successRate).filter(x -> x != null).findFirst().orElse(Double.NaN);
                }).tag("slot", slot).tag("path", path).register(registry);
            }
        }
    }

    private volatile Runnable refreshed = () -> { };

    /** Run after each refresh instead of a plain {@link #view()} (e.g. to renew a cached answer). */
    public void onRefresh(Runnable action) {
        this.refreshed = action;
    }

    /** The snapshot timer's step: roll the trend up, then refresh the figures (and the gauges). */
    public void refresh() throws SQLException {
        rollup();
        refreshed.run();
        if (latest == null) {
            view();
        }
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : round((double) part / whole);
    }

    private static Double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    private static BigDecimal divide(BigDecimal amount, long count) {
        return count == 0 || amount == null ? null : amount.divide(BigDecimal.valueOf(count), 6, RoundingMode.HALF_UP);
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount == null ? null : amount.setScale(6, RoundingMode.HALF_UP);
    }

    private static OffsetDateTime ts(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
