package app.bella.api.model;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;

/** The cost budget guard: what {@code /api/costs/guard} reads and writes. */
public final class CostBodies {

    private CostBodies() {
    }

    @Schema(description = "Give a mode, a budget or both")
    public record GuardOverride(
            @Schema(allowableValues = {"normal", "saving", "exhausted"}) String mode,
            @Schema(minimum = "0", maximum = "1000000") BigDecimal budget,
            @Schema(maxLength = 200) String reason) {
    }

    @Schema(description = "Estimated cost of one caller turn on each path, in the ledger's currency")
    public record PerTurn(BigDecimal twilioSpeech, String twilioSpeechSource, BigDecimal whisper, String whisperSource,
                          @Schema(nullable = true, description = "null until the model has been called") BigDecimal modelCall) {
    }

    public record GuardSwitch(String month, @Schema(format = "date-time") String at, String from, String to, String speech,
                              boolean model, boolean secondReminder, String reason) {
    }

    @Schema(description = "The budget guard's state as last judged")
    public record GuardState(String month, @Schema(allowableValues = {"ai", "all"}) String scope, BigDecimal budget,
                             BigDecimal spent, BigDecimal percent,
                             @Schema(allowableValues = {"normal", "saving", "exhausted"}) String mode,
                             String speech, boolean model, boolean secondReminder, String reason,
                             @Schema(nullable = true, description = "the operator's forced mode; null when the guard decides") String override,
                             PerTurn perTurn, boolean whisperQualityOk, List<GuardSwitch> switches) {
    }
}
