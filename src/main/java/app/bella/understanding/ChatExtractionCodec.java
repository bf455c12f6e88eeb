package app.bella.understanding;

import app.bella.nlu.Expect;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The OpenAI-compatible /v1/chat/completions exchange for extraction: a request with a strict JSON schema, and a
 * reply that is checked (refusal, truncation, schema) before any of it is used.
 */
public final class ChatExtractionCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIELDS = List.of("intent", "name", "phone", "when_phrase", "duration_minutes", "service",
            "confirmation");
    private static final Set<String> INTENTS = Set.of("book", "reschedule", "cancel", "query");
    private static final String SYSTEM = """
            You read one utterance a caller said on the phone to a booking assistant and extract what it contains.
            Copy phrases; never compute: for the date and time give the caller's own words ("next Tuesday at 10 am",
            "tomorrow afternoon"), not a date. phone: only the digits the caller said, with a leading + if they said
            plus or a country code. name: the caller's own name only. confirmation: yes or no only if the utterance
            answers a yes/no question. Use null for anything not said.""";

    private final String model;

    public ChatExtractionCodec(String model) {
        this.model = model;
    }

    /** A successful reading plus the tokens it cost. */
    public record Result(ModelReading reading, int inputTokens, int outputTokens) {
    }

    public String request(String text, Expect expect) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", model);
        root.put("temperature", 0);
        root.put("max_tokens", 200);
        ArrayNode messages = root.putArray("messages");
        messages.addObject().put("role", "system").put("content", SYSTEM);
        String asked = expect == null ? "nothing in particular" : expect.name().toLowerCase(Locale.ROOT);
        messages.addObject().put("role", "user").put("content", "The assistant just asked for: " + asked + "\nThe caller said: " + text);
        ObjectNode format = root.putObject("response_format");
        format.put("type", "json_schema");
        ObjectNode schemaWrapper = format.putObject("json_schema");
        schemaWrapper.put("name", "caller_turn");
        schemaWrapper.put("strict", true);
        ObjectNode schema = schemaWrapper.putObject("schema");
        schema.put("type", "object");
        schema.put("additionalProperties", false);
        ArrayNode required = schema.putArray("required");
        FIELDS.forEach(required::add);
        ObjectNode props = schema.putObject("properties");
        nullableEnum(props.putObject("intent"), "book", "reschedule", "cancel", "query");
        nullable(props.putObject("name"), "string");
        nullable(props.putObject("phone"), "string");
        nullable(props.putObject("when_phrase"), "string");
        nullable(props.putObject("duration_minutes"), "integer");
        nullable(props.putObject("service"), "string");
        nullableEnum(props.putObject("confirmation"), "yes", "no");
        return root.toString();
    }

    /** Parses and validates the reply; throws {@link UnusableReply} when any of it cannot be trusted. */
    public Result parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (Exception e) {
            throw new UnusableReply("reply is not JSON");
        }
        JsonNode choice = root.path("choices").path(0);
        if (choice.isMissingNode()) {
            throw new UnusableReply("no choices");
        }
        if ("length".equals(choice.path("finish_reason").asText())) {
            throw new UnusableReply("truncated");
        }
        JsonNode message = choice.path("message");
        if (message.hasNonNull("refusal")) {
            throw new UnusableReply("refused");
        }
        JsonNode content;
        try {
            content = JSON.readTree(message.path("content").asText(""));
        } catch (Exception e) {
            throw new UnusableReply("content is not JSON");
        }
        if (!content.isObject() || content.size() != FIELDS.size()) {
            throw new UnusableReply("content does not match the schema");
        }
        for (String f : FIELDS) {
            if (!content.has(f)) {
                throw new UnusableReply("missing " + f);
            }
        }
        String intent = text(content, "intent");
        if (intent != null && !INTENTS.contains(intent)) {
            throw new UnusableReply("bad intent");
        }
        String confirmation = text(content, "confirmation");
        if (confirmation != null && !confirmation.equals("yes") && !confirmation.equals("no")) {
            throw new UnusableReply("bad confirmation");
        }
        JsonNode duration = content.get("duration_minutes");
        if (!duration.isNull() && (!duration.isInt() || duration.asInt() < 5 || duration.asInt() > 480)) {
            throw new UnusableReply("bad duration");
        }
        ModelReading reading = new ModelReading(intent, text(content, "name"), text(content, "phone"),
                text(content, "when_phrase"), duration.isNull() ? null : duration.asInt(), text(content, "service"), confirmation);
        JsonNode usage = root.path("usage");
        return new Result(reading, usage.path("prompt_tokens").asInt(0), usage.path("completion_tokens").asInt(0));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new UnusableReply(field + " is not a string");
        }
        String s = v.asText().strip();
        return s.isEmpty() ? null : s;
    }

    private static void nullable(ObjectNode prop, String type) {
        prop.putArray("type").add(type).add("null");
    }

    private static void nullableEnum(ObjectNode prop, String... values) {
        prop.putArray("type").add("string").add("null");
        ArrayNode e = prop.putArray("enum");
        for (String v : values) {
            e.add(v);
        }
        e.addNull();
    }

    /** The model's reply cannot be used; the rules decide alone. */
    public static final class UnusableReply extends RuntimeException {
        public UnusableReply(String message) {
            super(message, null, false, false);
        }
    }
}
