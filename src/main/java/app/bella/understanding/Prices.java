package app.bella.understanding;

import java.math.BigDecimal;
import java.util.function.Function;

/**
 * What each paid service costs, from configuration ({@code bella.cost.*}; defaults: the providers' public list prices,
 * see docs/costs.md). Every amount is in {@link #currency()}.
 */
public record Prices(String currency,
                     BigDecimal whisperUsdPerMinute, BigDecimal llmInputUsdPer1kTokens, BigDecimal llmOutputUsdPer1kTokens,
                     BigDecimal twilioRecordingUsdPerMinute,
                     BigDecimal twilioInboundPerMinute, BigDecimal twilioOutboundPerMinute,
                     BigDecimal twilioSpeechPerBlock, int twilioSpeechBlockSeconds,
                     BigDecimal smsPerSegment) {

    /** @param properties resolves a property name to its value ("" when unset) */
    public static Prices from(Function<String, String> properties) {
        return new Prices(text(properties, "bella.cost.currency", "USD"),
                decimal(properties, "bella.cost.whisper-usd-per-minute"),
                decimal(properties, "bella.cost.llm-input-usd-per-1k-tokens"),
                decimal(properties, "bella.cost.llm-output-usd-per-1k-tokens"),
                decimal(properties, "bella.cost.twilio-recording-usd-per-minute"),
                decimal(properties, "bella.cost.twilio-inbound-per-minute"),
                decimal(properties, "bella.cost.twilio-outbound-per-minute"),
                decimal(properties, "bella.cost.twilio-speech-per-block"),
                Integer.parseInt(text(properties, "bella.cost.twilio-speech-block-seconds", "15")),
                decimal(properties, "bella.cost.sms-per-segment"));
    }

    private static String text(Function<String, String> properties, String key, String fallback) {
        String v = properties.apply(key);
        return v == null || v.isBlank() ? fallback : v.strip();
    }

    private static BigDecimal decimal(Function<String, String> properties, String key) {
        String v = properties.apply(key);
        try {
            return new BigDecimal(v.strip());
        } catch (RuntimeException e) {
            throw new IllegalStateException("Property " + key + " must be a price (a decimal number), not '" + v + "'", e);
        }
    }
}
