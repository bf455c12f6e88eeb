package app.bella.understanding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.bella.nlu.Expect;
import app.bella.nlu.Extraction;
import app.bella.nlu.Intent;
import app.bella.nlu.ParseContext;
import app.bella.nlu.RulesExtractor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatExtractionCodecTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final ChatExtractionCodec codec = new ChatExtractionCodec("gpt-4o-mini");

    static String reply(String content, String finish) throws Exception {
        return JSON.writeValueAsString(JSON.createObjectNode()
                .set("choices", JSON.createArrayNode().add(JSON.createObjectNode()
                        .put("finish_reason", finish)
                        .set("message", JSON.createObjectNode().put("role", "assistant").put("content", content)))));
    }

    static final String FULL = "{\"intent\":\"book\",\"name\":\"Ada King\",\"phone\":null,\"when_phrase\":\"next Tuesday at 10\","
            + "\"duration_minutes\":45,\"service\":null,\"confirmation\":null}";

    @Test
    void requestAsksForAStrictSchemaWithEveryFieldRequired() throws Exception {
        JsonNode r = JSON.readTree(codec.request("hi it's Ada", Expect.NAME));
        assertThat(r.get("model").asText()).isEqualTo("gpt-4o-mini");
        JsonNode format = r.get("response_format");
        assertThat(format.get("type").asText()).isEqualTo("json_schema");
        assertThat(format.get("json_schema").get("strict").asBoolean()).isTrue();
        JsonNode schema = format.get("json_schema").get("schema");
        assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
        assertThat(schema.get("required")).hasSize(7);
        assertThat(r.get("messages").get(1).get("content").asText()).contains("name").contains("hi it's Ada");
    }

    @Test
    void aValidReplyIsRead() throws Exception {
        ChatExtractionCodec.Result result = codec.parse(reply(FULL, "stop"));
        assertThat(result.reading()).isEqualTo(new ModelReading("book", "Ada King", null, "next Tuesday at 10", 45, null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\":\"Ada\"}",
            "{\"intent\":\"book\",\"name\":\"Ada King\",\"phone\":null,\"when_phrase\":null,\"duration_minutes\":9000,\"service\":null,\"confirmation\":null}",
            "{\"intent\":\"dance\",\"name\":null,\"phone\":null,\"when_phrase\":null,\"duration_minutes\":null,\"service\":null,\"confirmation\":null}",
            "{\"intent\":null,\"name\":7,\"phone\":null,\"when_phrase\":null,\"duration_minutes\":null,\"service\":null,\"confirmation\":null}",
            "not json at all"})
    void repliesThatBreakTheSchemaAreRejected(String content) throws Exception {
        assertThatThrownBy(() -> codec.parse(reply(content, "stop"))).isInstanceOf(ChatExtractionCodec.UnusableReply.class);
    }

    @Test
    void truncatedAndRefusedRepliesAreRejected() throws Exception {
        assertThatThrownBy(() -> codec.parse(reply(FULL, "length"))).hasMessage("truncated");
        String refused = "{\"choices\":[{\"finish_reason\":\"stop\",\"message\":{\"content\":null,\"refusal\":\"no\"}}]}";
        assertThatThrownBy(() -> codec.parse(refused)).hasMessage("refused");
    }

    @Test
    void rulesJudgeTheModel() {
        RulesExtractor rules = new RulesExtractor();
        ParseContext ctx = ParseContext.of(ZonedDateTime.parse("2025-10-08T10:00:00-06:00[America/Edmonton]"),
                ZoneId.of("America/Edmonton"));
        Reconciler reconciler = new Reconciler(rules);
        Extraction byRules = rules.extract("tomorrow at 2 pm", Expect.NAME, ctx);
        Extraction merged = reconciler.reconcile(byRules,
                new ModelReading("cancel", "o'brien", "four one six five five five one two three four", "next year at 5 am", null,
                        null, "yes"), ctx);
        assertThat(merged.start()).as("the rules' time stands").isEqualTo(byRules.start());
        assertThat(merged.name()).as("the model's name, normalised by the rules").isEqualTo("O'Brien");
        assertThat(merged.phone()).as("the model's digits, validated by the rules").isEqualTo("+14165551234");
        assertThat(merged.intent()).isEqualTo(Intent.CANCEL);

        Extraction noTime = rules.extract("for Ada", Expect.TIME, ctx);
        Extraction filled = reconciler.reconcile(noTime, new ModelReading(null, null, "123", "next Tuesday at 10 am", null, null, null), ctx);
        assertThat(filled.start()).as("a phrase the model found, resolved by our parser").isEqualTo(ZonedDateTime.parse(
                "2025-10-14T10:00:00-06:00[America/Edmonton]"));
        assertThat(filled.phone()).as("a partial number is rejected").isNull();
    }
}
