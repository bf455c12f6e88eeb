package app.bella.understanding;

import java.math.BigDecimal;

/** What each paid service costs, from configuration (defaults: the providers' public price lists). */
public record Prices(BigDecimal whisperUsdPerMinute, BigDecimal llmInputUsdPer1kTokens, BigDecimal llmOutputUsdPer1kTokens,
                     BigDecimal twilioRecordingUsdPerMinute) {
}
