package app.bella.understanding;

import app.bella.events.EventType;
import app.bella.events.OutboxWriter;
import app.bella.support.Sql;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Records the cost of every paid unit against the phone call that caused it (docs/costs.md): Twilio voice minutes
 * per leg, Twilio speech recognition per block, recordings, SMS segments, Whisper minutes and model tokens, each at
 * its configured price. Entries from webhooks Twilio may retry carry a reference and are written once.
 */
public final class CostLedger {

    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private final DataSource dataSource;
    private final OutboxWriter events;
    private final Prices prices;
    private final Clock clock;

    public CostLedger(DataSource dataSource, OutboxWriter events, Prices prices, Clock clock) {
        this.dataSource = dataSource;
        this.events = events;
        this.prices = prices;
        this.clock = clock;
    }

    public Prices prices() {
        return prices;
    }

    /** Whisper bills audio by the second. */
    public void whisper(String callSid, int seconds) {
        BigDecimal minutes = BigDecimal.valueOf(Math.max(1, seconds)).divide(SIXTY, 4, RoundingMode.HALF_UP);
        record(callSid, "openai", "transcription", minutes, "minute", minutes.multiply(prices.whisperUsdPerMinute()), null, null);
    }

    public void recording(String callSid, int seconds) {
        BigDecimal minutes = BigDecimal.valueOf(Math.max(1, seconds)).divide(SIXTY, 4, RoundingMode.HALF_UP);
        record(callSid, "twilio", "recording", minutes, "minute", minutes.multiply(prices.twilioRecordingUsdPerMinute()), null, null);
    }

    public void llm(String callSid, int inputTokens, int outputTokens) {
        BigDecimal usd = BigDecimal.valueOf(inputTokens).multiply(prices.llmInputUsdPer1kTokens())
                .add(BigDecimal.valueOf(outputTokens).multiply(prices.llmOutputUsdPer1kTokens()))
                .divide(THOUSAND, 10, RoundingMode.HALF_UP);
        record(callSid, "openai", "extraction", BigDecimal.valueOf(inputTokens + outputTokens), "token", usd, null, null);
    }

    /**
     * One leg of a call, billed per started minute: leg 1 is the caller's inbound leg, leg 2 a transfer's outbound leg.
     * Zero seconds costs nothing. Once per call and leg.
     */
    public void voiceLeg(String callSid, int leg, int seconds) {
        if (seconds <= 0) {
            return;
        }
        long minutes = (seconds + 59) / 60;
        BigDecimal price = leg == 1 ? prices.twilioInboundPerMinute() : prices.twilioOutboundPerMinute();
        record(callSid, "twilio", leg == 1 ? "voice-inbound" : "voice-transfer", BigDecimal.valueOf(minutes), "minute",
                price.multiply(BigDecimal.valueOf(minutes)), "voice:" + callSid + ":" + leg, null);
    }

    /**
     * Twilio's {@code <Gather>} speech recognition of one turn, for the turn's own write to record with it (no statement
     * of its own): billed per started block of the recognised speech, once per call and turn.
     */
    public Entry speech(String callSid, int turn, String speech) {
        int b = speechBlocks(speech, prices.twilioSpeechBlockSeconds());
        return entry(callSid, "twilio", "speech", BigDecimal.valueOf(b), "block",
                prices.twilioSpeechPerBlock().multiply(BigDecimal.valueOf(b)), "speech:" + callSid + ":" + turn, null);
    }

    /**
     * The estimated blocks of an utterance from its words (Twilio does not report the speech's length): about 2.5
     * words a second, so a short answer is one block.
     */
    static int speechBlocks(String speech, int blockSeconds) {
        int words = speech.strip().split("\\s+").length;
        double seconds = words / 2.5;
        return Math.max(1, (int) Math.ceil(seconds / Math.max(1, blockSeconds)));
    }

    /** An SMS sent or received, per segment; {@code purpose} is confirmation, reminder, reschedule, cancellation or inbound. */
    public void sms(String callSid, Long appointmentId, String messageSid, int segments, String purpose) {
        int s = Math.max(1, segments);
        record(callSid, "twilio", "sms-" + purpose, BigDecimal.valueOf(s), "segment", prices.smsPerSegment().multiply(BigDecimal.valueOf(s)),
                "sms:" + messageSid, appointmentId);
    }

    private void record(String callSid, String provider, String item, BigDecimal quantity, String unit, BigDecimal amount,
                        String ref, Long appointmentId) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true); // one statement, atomic on its own: committed as it runs
            write(c, entry(callSid, provider, item, quantity, unit, amount, ref, appointmentId));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record a cost", e);
        }
    }

    /** The entry and its cost.incurred event in the caller's transaction; false when the reference was recorded before. */
    public boolean write(Connection c, Entry entry) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("cost-insert"))) {
            entry.bind(ps, 1);
            entry.event().bind(ps, 11);
            return ps.executeUpdate() == 1;
        }
    }

    private Entry entry(String callSid, String provider, String item, BigDecimal quantity, String unit, BigDecimal amount,
                        String ref, Long appointmentId) {
        BigDecimal scaled = amount.setScale(8, RoundingMode.HALF_UP);
        Map<String, Object> payload = new LinkedHashMap<>();
        if (callSid != null) {
            payload.put("callSid", callSid);
        }
        payload.put("provider", provider);
        payload.put("item", item);
        payload.put("quantity", quantity);
        payload.put("unit", unit);
        payload.put("usd", scaled);
        payload.put("currency", prices.currency());
        return new Entry(callSid, provider, item, quantity, unit, scaled, prices.currency(), ref, appointmentId,
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
                events.row(EventType.COST_INCURRED, callSid == null ? item : callSid, payload));
    }

    /**
     * One ledger entry and its {@code cost.incurred} event, as a statement writes them ({@code cost-insert.sql}, or a
     * turn's own write): a non-null {@code ref} makes the entry once-only.
     */
    public record Entry(String callSid, String provider, String item, BigDecimal quantity, String unit, BigDecimal usd,
                        String currency, String ref, Long appointmentId, OffsetDateTime createdAt, OutboxWriter.Row event) {

        /** Sets the entry's ten columns from parameter {@code first} on, in the order of {@code cost_entry}'s insert. */
        public void bind(PreparedStatement ps, int first) throws SQLException {
            ps.setString(first, callSid);
            ps.setString(first + 1, provider);
            ps.setString(first + 2, item);
            ps.setBigDecimal(first + 3, quantity);
            ps.setString(first + 4, unit);
            ps.setBigDecimal(first + 5, usd);
            ps.setString(first + 6, currency);
            ps.setString(first + 7, ref);
            if (appointmentId == null) {
                ps.setNull(first + 8, Types.BIGINT);
            } else {
                ps.setLong(first + 8, appointmentId);
            }
            ps.setObject(first + 9, createdAt);
        }

        /** No entry: the ten parameters from {@code first} on are null (a statement's optional entry is not written). */
        public static void bindNone(PreparedStatement ps, int first) throws SQLException {
            for (int i = 0; i < 10; i++) {
                ps.setNull(first + i, i == 3 || i == 5 ? Types.NUMERIC : i == 8 ? Types.BIGINT
                        : i == 9 ? Types.TIMESTAMP_WITH_TIMEZONE : Types.VARCHAR);
            }
        }
    }
}
