package app.bella.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Chat-completion bodies as the language model answers Bella's extraction request (its strict schema). */
public final class ModelReplies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FIELDS = {"intent", "name", "phone", "when_phrase", "duration_minutes", "service", "confirmation"};

    private ModelReplies() {
    }

    /** A completion whose reading has every field of the schema, null but for {@code read}. */
    public static String completion(Map<String, Object> read) {
        Map<String, Object> reading = new LinkedHashMap<>();
        for (String field : FIELDS) {
            reading.put(field, null); // the strict schema: every field present
        }
        reading.putAll(read);
        try {
            return JSON.writeValueAsString(Map.of(
                    "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                            "message", Map.of("role", "assistant", "content", JSON.writeValueAsString(reading)))),
                    "usage", Map.of("prompt_tokens", 250, "completion_tokens", 40)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
