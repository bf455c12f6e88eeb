package app.bella.costs;

import app.bella.events.OutboxWriter;
import app.bella.understanding.Prices;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import javax.sql.DataSource;

/** Builds the budget guard from the {@code bella.budget.*} and {@code bella.alerts.*budget*} properties. */
public final class CostBeans {

    private CostBeans() {
    }

    /**
     * @param speech       the configured speech engine (twilio or whisper)
     * @param openAi       whether an OpenAI key is configured (Whisper can be used at all)
     * @param model        whether the model extractor is configured
     */
    public static BudgetGuard guard(DataSource dataSource, OutboxWriter events, Clock clock, ZoneId zone, Prices prices,
                                    Function<String, String> properties, String speech, boolean openAi, boolean model) {
        String scope = properties.apply("bella.budget.scope").strip().toLowerCase(Locale.ROOT);
        if (!scope.equals("all") && !scope.equals("ai")) {
            throw new IllegalArgumentException("bella.budget.scope must be all or ai, not '" + scope + "'");
        }
        // list-price estimates until a path has been measured: one 15-s block per <Gather> answer; a 10-s recording
        BigDecimal twilioTurn = prices.twilioSpeechPerBlock();
        BigDecimal whisperTurn = prices.whisperUsdPerMinute().add(prices.twilioRecordingUsdPerMinute())
                .multiply(BigDecimal.TEN).divide(BigDecimal.valueOf(60), 8, RoundingMode.HALF_UP);
        BudgetGuard.Settings settings = new BudgetGuard.Settings(
                new BigDecimal(properties.apply("bella.alerts.monthly-budget-usd").strip()), scope.equals("ai"),
                Arrays.stream(properties.apply("bella.alerts.budget-thresholds").split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).map(Integer::valueOf).toList(),
                speech, openAi, model, twilioTurn, whisperTurn,
                Double.parseDouble(properties.apply("bella.budget.whisper-min-success-percent").strip()) / 100.0);
        return new BudgetGuard(dataSource, events, clock, zone, new CostReport(dataSource, clock, zone, prices), settings);
    }
}
