package app.bella.understanding;

/**
 * What the language model read in an utterance, as phrases: the model never does date arithmetic, so the
 * date-time is the caller's phrase ("next Tuesday at 10"), resolved afterwards by the deterministic parser.
 */
public record ModelReading(String intent, String name, String phone, String whenPhrase, Integer durationMinutes,
                           String service, String confirmation) {
}
