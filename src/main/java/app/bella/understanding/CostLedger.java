package app.bella.understanding;

import app.bella.events.EventType;
import app.bella.events.OutboxWriter;
import app.bella.platform.Sql;
import java.util.LinkedHashMap;
import java.util.Map;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Records the cost of every paid call (audio minutes × price, tokens × price) against the phone call. */
public final class CostLedger {

    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private final DataSource dataSource;
    private final OutboxWriter events;
    private final Prices prices;

    public CostLedger(DataSource dataSource, OutboxWriter events, Prices prices) {
        this.dataSource = dataSource;
        this.events = events;
        this.prices = prices;
    }

    public void whisper(String callSid, int seconds) {
        BigDecimal minutes = BigDecimal.valueOf(Math.max(1, seconds)).divide(SIXTY, 4, RoundingMode.HALF_UP);
        record(callSid, "openai", "transcription", minutes, "minute", minutes.multiply(prices.whisperUsdPerMinute()));
    }

    public void recording(String callSid, int seconds) {
        BigDecimal minutes = BigDecimal.valueOf(Math.max(1, seconds)).divide(SIXTY, 4, RoundingMode.HALF_UP);
        record(callSid, "twilio", "recording", minutes, "minute", minutes.multiply(prices.twilioRecordingUsdPerMinute()));
    }

    public void llm(String callSid, int inputTokens, int outputTokens) {
        BigDecimal usd = BigDecimal.valueOf(inputTokens).multiply(prices.llmInputUsdPer1kTokens())
                .add(BigDecimal.valueOf(outputTokens).multiply(prices.llmOutputUsdPer1kTokens()))
                .divide(THOUSAND, 10, RoundingMode.HALF_UP);
        record(callSid, "openai", "extraction", BigDecimal.valueOf(inputTokens + outputTokens), "token", usd);
    }

    private void record(String callSid, String provider, String item, BigDecimal quantity, String unit, BigDecimal usd) {
        BigDecimal amount = usd.setScale(8, RoundingMode.HALF_UP);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(Sql.get("cost-insert"))) {
                ps.setString(1, callSid);
                ps.setString(2, provider);
                ps.setString(3, item);
                ps.setBigDecimal(4, quantity);
                ps.setString(5, unit);
                ps.setBigDecimal(6, amount);
                ps.executeUpdate();
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("callSid", callSid);
            payload.put("provider", provider);
            payload.put("item", item);
            payload.put("quantity", quantity);
            payload.put("unit", unit);
            payload.put("usd", amount);
            events.append(c, EventType.COST_INCURRED, callSid, payload);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record a cost", e);
        }
    }
}
