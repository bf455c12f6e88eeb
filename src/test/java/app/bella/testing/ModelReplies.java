package app.bella.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.HashMap;
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

    /** The model (WireMock) answers every extraction request with {@code read}, after {@code millis}. */
    public static void answerSlowly(WireMockServer openai, int millis, Map<String, Object> read) {
        openai.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withFixedDelay(millis)
                .withHeader("Content-Type", "application/json").withBody(completion(read))));
    }

    /** Waits (up to 5 s) until Bella has asked the model (WireMock) at least once; fails the test if it never does. */
    public static void awaitTheModelAsked(WireMockServer openai) throws InterruptedException {
        for (int i = 0; i < 200 && openai.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).isEmpty(); i++) {
            Thread.sleep(25);
        }
        assertThat(openai.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))).as("the model was asked").isNotEmpty();
    }

    /** A Bella on Twilio's speech that asks the model (at {@code openaiBaseUrl}) when the rules miss (a mutable copy). */
    public static Map<String, String> bellaAskingTheModel(String openaiBaseUrl, String authToken) {
        Map<String, String> settings = new HashMap<>();
        settings.put("bella.clock", "2025-10-08T10:00:00-06:00");
        settings.put("bella.timezone", "America/Edmonton");
        settings.put("bella.twilio.auth-token", authToken);
        settings.put("bella.api.bootstrap-api-key", BellaServer.ADMIN_KEY);
        settings.put("bella.openai.api-key", "sk-test");
        settings.put("bella.openai.base-url", openaiBaseUrl);
        settings.put("bella.stt", "twilio");
        settings.put("bella.extractor", "llm");
        settings.put("bella.llm.timeout-ms", "6000");
        return settings;
    }
}
