package app.bella.understanding;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.BellaServer;
import app.bella.testing.TwilioCaller;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The language-model path against WireMock standing in for /v1/chat/completions: the model fills what the rules
 * missed; malformed JSON, a refusal, a truncated reply or a wrong date never override the rules.
 */
class ModelExtractionTest {

    static final String TOKEN = "llm-token";
    static final ObjectMapper JSON = new ObjectMapper();
    static final WireMockServer openai = new WireMockServer(wireMockConfig().dynamicPort());
    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        openai.start();
        bella = BellaServer.start(Map.of(
                "bella.clock", "2025-10-08T10:00:00-06:00",
                "bella.timezone", "America/Edmonton",
                "bella.twilio.auth-token", TOKEN,
                "bella.openai.api-key", "sk-test",
                "bella.openai.base-url", openai.baseUrl(),
                "bella.stt", "twilio",
                "bella.extractor", "llm",
                "bella.breaker.minimum-calls", "50"));
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
        openai.stop();
    }

    /** The model's reply to an utterance: a chat completion whose content is the given extraction. */
    static void modelReads(String utterance, Map<String, Object> fields) throws Exception {
        Map<String, Object> content = new LinkedHashMap<>();
        for (String f : new String[] {"intent", "name", "phone", "when_phrase", "duration_minutes", "service", "confirmation"}) {
            content.put(f, fields.get(f));
        }
        completion(utterance, Map.of("role", "assistant", "content", JSON.writeValueAsString(content)), "stop");
    }

    static void completion(String utterance, Map<String, Object> message, String finishReason) throws Exception {
        String body = JSON.writeValueAsString(Map.of(
                "choices", java.util.List.of(Map.of("index", 0, "message", message, "finish_reason", finishReason)),
                "usage", Map.of("prompt_tokens", 250, "completion_tokens", 40)));
        openai.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing(utterance))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
    }

    TwilioCaller call(String from) throws Exception {
        return new TwilioCaller(bella.baseUrl(), TOKEN, from).dial();
    }

    @Test
    void theModelFillsANameTheRulesMissedAndItsCostIsRecorded() throws Exception {
        Map<String, Object> reading = new LinkedHashMap<>();
        reading.put("name", "luke skywalker");
        modelReads("it would be for Luke Skywalker", reading);
        TwilioCaller c = call("+15875556101").say("it would be for Luke Skywalker");
        assertThat(c.lastPrompt()).contains("Thank you, Luke Skywalker");
        openai.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("Luke Skywalker"))
                .withRequestBody(containing("\"strict\":true")).withRequestBody(containing("json_schema")));
        try (Connection conn = bella.jdbc(); Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT quantity, usd FROM cost_entry WHERE item = 'extraction' AND call_sid = '"
                     + c.callSid + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBigDecimal(1).intValue()).isEqualTo(290);
            assertThat(rs.getBigDecimal(2).doubleValue()).isEqualTo(0.0000615, org.assertj.core.data.Offset.offset(1e-7));
        }
    }

    @Test
    void aWrongDateFromTheModelLosesToTheRules() throws Exception {
        Map<String, Object> reading = new LinkedHashMap<>();
        reading.put("when_phrase", "next year on January 5th at 5 am");
        reading.put("name", "Tom Hanks");
        modelReads("tomorrow at 2 pm please", reading);
        TwilioCaller c = call("+15875556102").say("tomorrow at 2 pm please");
        assertThat(c.lastPrompt()).as("the model's name fills the gap").contains("Tom Hanks")
                .as("but the rules' time wins").contains("October 9th at 2 PM").doesNotContain("January");
    }

    @Test
    void malformedRefusedOrTruncatedRepliesAreIgnored() throws Exception {
        completion("Hans Gruber", Map.of("role", "assistant", "content", "{not json"), "stop");
        completion("Jack Reacher", new LinkedHashMap<>(Map.of("role", "assistant", "content", "", "refusal", "I can't help")), "stop");
        completion("Ava Lovelace", Map.of("role", "assistant", "content", "{\"name\": \"Ava"), "length");
        for (String name : new String[] {"Hans Gruber", "Jack Reacher", "Ava Lovelace"}) {
            TwilioCaller c = call("+1587555" + (6200 + name.length())).say("um, the name is " + name + " thank you");
            assertThat(c.lastPrompt()).as("rules decide alone").contains("Thank you, " + name);
        }
    }

    @Test
    void modelDownMeansRulesAloneAndTheCallGoesOn() throws Exception {
        openai.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("Sam Carter"))
                .willReturn(aResponse().withStatus(503)));
        TwilioCaller c = call("+15875556300").say("hello it's me", "Sam Carter", "Friday at 10", "yes");
        assertThat(c.ended).isEqualTo("hangup");
        assertThat(c.lastPrompt()).contains("You're all set, Sam");
    }
}
