package app.bella.costs;

import app.bella.support.Sql;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Recommendations from the practice's own data over the last 30 days (test calls left out), each with the saving it
 * would bring in a month like that one, computed from the cost ledger. A recommendation without data is left out
 * rather than guessed: peak hours and days (no saving: staffing and scaling), the transcript cache (what it saves),
 * steps where Twilio's recognition understands as well as Whisper (Whisper's cost there, less Twilio speech's),
 * model calls that never changed the outcome (their cost), and right-sizing from this JVM's CPU and memory (only
 * when the instance's monthly price is configured).
 */
public final class Recommendations {

    @Schema(description = "A way to spend less, with its estimated saving")
    public record Recommendation(String id, String title, String detail,
                                 @Schema(nullable = true, description = "what a month like the last 30 days would save")
                                 BigDecimal estimatedMonthlySavingUsd) {
    }

    /** This JVM's use since it started. {@code averageCpu}: share of the available processors (0..1). */
    public record Jvm(long heapMaxBytes, long heapPeakBytes, double averageCpu, Duration uptime) {

        public static Jvm current() {
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            Duration up = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
            double cpu = -1;
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    && os.getProcessCpuTime() >= 0 && up.toNanos() > 0) {
                cpu = os.getProcessCpuTime() / (double) up.toNanos() / Runtime.getRuntime().availableProcessors();
            }
            return new Jvm(Runtime.getRuntime().maxMemory(), peak, cpu, up);
        }
    }

    /** Settings: the fewest turns on each engine before a step is judged, the tolerance, the instance's monthly price. */
    public record Settings(int minimumTurns, double tolerance, BigDecimal instanceUsdPerMonth) {
    }

    static final Duration WINDOW = Duration.ofDays(30);
    static final Duration MINIMUM_UPTIME = Duration.ofDays(1);

    private final DataSource dataSource;
    private final Clock clock;
    private final ZoneId zone;
    private final Settings settings;
    private final Supplier<Jvm> jvm;

    public Recommendations(DataSource dataSource, Clock clock, ZoneId zone, Settings settings, Supplier<Jvm> jvm) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.zone = zone;
        this.settings = settings;
        this.jvm = jvm;
    }

    private record Item(long entries, BigDecimal amount) {
        BigDecimal perEntry() {
            return entries == 0 ? null : amount.divide(BigDecimal.valueOf(entries), 10, RoundingMode.HALF_UP);
        }
    }

    public List<Recommendation> list() throws SQLException {
        OffsetDateTime from = OffsetDateTime.ofInstant(clock.instant().minus(WINDOW), ZoneOffset.UTC);
        List<Recommendation> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            Map<String, Item> ledger = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(Sql.get("recommendations-ledger"))) {
                ps.setObject(1, from);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ledger.put(rs.getString(1), new Item(rs.getLong(2), rs.getBigDecimal(3)));
                    }
                }
            }
            peaks(c, from).ifPresent(out::add);
            transcriptCache(ledger).ifPresent(out::add);
            whisperSteps(c, from, ledger).ifPresent(out::add);
            idleModelCalls(c, from, ledger).ifPresent(out::add);
        }
        rightSizing(jvm.get()).ifPresent(out::add);
        return out;
    }

    private java.util.Optional<Recommendation> peaks(Connection c, OffsetDateTime from) throws SQLException {
        long[] byHour = new long[24];
        long[] byDay = new long[8];
        long total = 0;
        try (PreparedStatement ps = c.prepareStatement(Sql.get("recommendations-peaks"))) {
            ps.setString(1, zone.getId());
            ps.setString(2, zone.getId());
            ps.setObject(3, from);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byDay[rs.getInt(1)] += rs.getLong(3);
                    byHour[rs.getInt(2)] += rs.getLong(3);
                    total += rs.getLong(3);
                }
            }
        }
        if (total == 0) {
            return java.util.Optional.empty();
        }
        int hour = 0;
        for (int h = 1; h < 24; h++) {
            hour = byHour[h] > byHour[hour] ? h : hour;
        }
        int day = 1;
        for (int d = 2; d <= 7; d++) {
            day = byDay[d] > byDay[day] ? d : day;
        }
        String dayName = DayOfWeek.of(day).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        return java.util.Optional.of(new Recommendation("peak-hours", String.format(Locale.ROOT,
                "Busiest: %02d:00–%02d:00 and %ss", hour, (hour + 1) % 24, dayName), String.format(Locale.ROOT,
                "%d of %d calls in the last 30 days (%.0f%%) came between %02d:00 and %02d:00, %d (%.0f%%) on %ss. Staff "
                        + "callbacks and plan maintenance or scaling around these times.", byHour[hour], total,
                100.0 * byHour[hour] / total, hour, (hour + 1) % 24, byDay[day], 100.0 * byDay[day] / total, dayName), null));
    }

    private java.util.Optional<Recommendation> transcriptCache(Map<String, Item> ledger) {
        Item recordings = ledger.get("recording");
        Item transcriptions = ledger.get("transcription");
        if (recordings == null || transcriptions == null || transcriptions.perEntry() == null) {
            return java.util.Optional.empty();
        }
        long hits = Math.max(0, recordings.entries() - transcriptions.entries());
        BigDecimal saving = transcriptions.perEntry().multiply(BigDecimal.valueOf(hits));
        double hitRate = (double) hits / recordings.entries();
        return java.util.Optional.of(new Recommendation("transcript-cache",
                String.format(Locale.ROOT, "Transcript cache: %.0f%% of recordings answered from the cache", 100 * hitRate),
                String.format(Locale.ROOT, "%d of %d recordings in the last 30 days were transcribed from the cache instead of "
                        + "Whisper, saving %s a month. Keep the cache (and short, repeatable answers such as yes/no on the keypad).",
                        hits, recordings.entries(), usd(saving)), scale(saving)));
    }

    private java.util.Optional<Recommendation> whisperSteps(Connection c, OffsetDateTime from, Map<String, Item> ledger) throws SQLException {
        Item recording = ledger.get("recording");
        Item transcription = ledger.get("transcription");
        Item speech = ledger.get("speech");
        if (recording == null || recording.entries() == 0) {
            return java.util.Optional.empty();
        }
        // a recorded turn costs the recording plus Whisper (cache hits the recording only); a Gather turn costs speech
        BigDecimal whisperPerTurn = recording.amount().add(transcription == null ? BigDecimal.ZERO : transcription.amount())
                .divide(BigDecimal.valueOf(recording.entries()), 10, RoundingMode.HALF_UP);
        BigDecimal speechPerTurn = speech == null ? null : speech.perEntry();
        if (speechPerTurn == null) {
            return java.util.Optional.empty(); // Twilio's recognition was never paid for: no measured price to compare
        }
        Map<String, long[]> steps = new TreeMap<>(); // whisper turns, whisper understood, twilio turns, twilio understood
        try (PreparedStatement ps = c.prepareStatement(Sql.get("recommendations-steps"))) {
            ps.setObject(1, from);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] s = steps.computeIfAbsent(rs.getString(1), k -> new long[4]);
                    int at = "whisper".equals(rs.getString(2)) ? 0 : 2;
                    s[at] = rs.getLong(3);
                    s[at + 1] = rs.getLong(4);
                }
            }
        }
        List<String> agree = new ArrayList<>();
        long whisperTurns = 0;
        for (Map.Entry<String, long[]> e : steps.entrySet()) {
            long[] s = e.getValue();
            if (s[0] < settings.minimumTurns() || s[2] < settings.minimumTurns()) {
                continue;
            }
            double whisper = (double) s[1] / s[0];
            double twilio = (double) s[3] / s[2];
            if (twilio >= whisper - settings.tolerance()) {
                agree.add(String.format(Locale.ROOT, "%s (Whisper %.0f%%, Twilio %.0f%% understood)",
                        e.getKey().toLowerCase(Locale.ROOT).replace('_', ' '), 100 * whisper, 100 * twilio));
                whisperTurns += s[0];
            }
        }
        BigDecimal saving = whisperPerTurn.subtract(speechPerTurn).multiply(BigDecimal.valueOf(whisperTurns));
        if (agree.isEmpty() || saving.signum() <= 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Recommendation("whisper-steps",
                "Let Twilio hear " + (agree.size() == 1 ? "one step" : agree.size() + " steps") + " where it understands as well as Whisper",
                "On " + String.join(", ", agree) + " Twilio's own recognition understood callers as often as Whisper. The "
                        + whisperTurns + " recorded turns there cost " + usd(whisperPerTurn.multiply(BigDecimal.valueOf(whisperTurns)))
                        + " in the last 30 days; heard by Twilio they would have cost "
                        + usd(speechPerTurn.multiply(BigDecimal.valueOf(whisperTurns)))
                        + ". Set bella.stt.whisper-steps to the other steps.", scale(saving)));
    }

    private java.util.Optional<Recommendation> idleModelCalls(Connection c, OffsetDateTime from, Map<String, Item> ledger) throws SQLException {
        Item model = ledger.get("extraction");
        if (model == null || model.perEntry() == null) {
            return java.util.Optional.empty();
        }
        long modelTurns;
        long noEffect;
        try (PreparedStatement ps = c.prepareStatement(Sql.get("recommendations-model"))) {
            ps.setObject(1, from);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                modelTurns = rs.getLong(1);
                noEffect = rs.getLong(2);
            }
        }
        if (modelTurns == 0 || noEffect == 0) {
            return java.util.Optional.empty();
        }
        BigDecimal saving = model.perEntry().multiply(BigDecimal.valueOf(noEffect));
        return java.util.Optional.of(new Recommendation("model-no-effect",
                String.format(Locale.ROOT, "%d model calls did not change the outcome", noEffect),
                String.format(Locale.ROOT, "In %d of the %d turns the model read in the last 30 days the caller was still asked "
                        + "the same again, so the model's reading changed nothing; at %s a call they cost %s. Review the steps "
                        + "where the rules and the model both miss (re-ask rate) before paying for the model there.",
                        noEffect, modelTurns, usd(model.perEntry()), usd(saving)), scale(saving)));
    }

    java.util.Optional<Recommendation> rightSizing(Jvm j) {
        BigDecimal price = settings.instanceUsdPerMonth();
        if (price == null || price.signum() <= 0 || j.heapMaxBytes() <= 0 || j.averageCpu() < 0
                || j.uptime().compareTo(MINIMUM_UPTIME) < 0) {
            return java.util.Optional.empty();
        }
        double heap = (double) j.heapPeakBytes() / j.heapMaxBytes();
        if (heap >= 0.4 || j.averageCpu() >= 0.2) {
            return java.util.Optional.empty();
        }
        BigDecimal saving = price.divide(BigDecimal.valueOf(2), 6, RoundingMode.HALF_UP);
        return java.util.Optional.of(new Recommendation("right-size",
                "Bella could run on an instance half this size",
                String.format(Locale.ROOT, "Over %d days the heap peaked at %.0f%% of its %d MB and the process used %.0f%% of the "
                        + "CPU on average; an instance with half the memory and CPU (about half of %s a month) would still have "
                        + "room.", j.uptime().toDays(), 100 * heap, j.heapMaxBytes() / 1_048_576, 100 * j.averageCpu(), usd(price)),
                scale(saving)));
    }

    private static BigDecimal scale(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    private static String usd(BigDecimal amount) {
        return "$" + amount.setScale(amount.compareTo(BigDecimal.ONE) < 0 ? 4 : 2, RoundingMode.HALF_UP).toPlainString();
    }
}
