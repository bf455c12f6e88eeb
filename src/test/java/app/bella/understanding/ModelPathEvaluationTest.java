package app.bella.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.ApiClient;
import app.bella.testing.ApiClient.Reply;
import app.bella.testing.BellaServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Does the model path earn its cost? Every case of {@code understanding/extraction-sample.jsonl} goes through
 * {@code POST /api/nlu/parse} twice, {@code path: rules} and {@code path: model} (the extraction model replayed by
 * {@link ModelReplay} from hand-written answers, {@code understanding/model-answers.jsonl}), graded as the black-box
 * grading tool grades it. Per kind: correct by the rules alone, correct with the model, rescued (the model fixed a
 * rules miss) and broken (the rules were right, the model path is not). The rules judge the model: nothing breaks.
 */
class ModelPathEvaluationTest {

    static final String KEY = "test-admin-key-0123456789abcdef0123456789";
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> KINDS = List.of("name", "phone", "time", "duration", "confirm");
    static ModelReplay model;
    static BellaServer bella;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        model = ModelReplay.fromResource("/understanding/model-answers.jsonl");
        bella = BellaServer.start(Map.of(
                "bella.clock", "2025-10-08T10:00:00-06:00",
                "bella.timezone", "America/Edmonton",
                "bella.api.bootstrap-api-key", KEY,
                "bella.openai.api-key", "sk-test",
                "bella.openai.base-url", model.baseUrl(),
                "bella.extractor", "llm",
                "bella.breaker.minimum-calls", "200"));
        api = new ApiClient(bella, KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        if (bella != null) {
            bella.close();
        }
        if (model != null) {
            model.close();
        }
    }

    /** One case graded on both paths. */
    record Outcome(JsonNode kase, boolean rulesOk, boolean modelOk, JsonNode withModel) {
        String kind() {
            return kase.path("kind").asText();
        }
    }

    @Test
    void theModelRescuesRulesMissesAndBreaksNothingTheRulesGotRight() throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        for (JsonNode kase : sample()) {
            Reply rules = parse(kase, "rules");
            Reply withModel = parse(kase, "model");
            assertThat(rules.status()).as(rules.toString()).isEqualTo(200);
            assertThat(withModel.status()).as(withModel.toString()).isEqualTo(200);
            assertThat(rules.json().get("modelAsked").asBoolean()).isFalse();
            outcomes.add(new Outcome(kase, grade(kase, rules.json()), grade(kase, withModel.json()), withModel.json()));
        }
        System.out.println(table(outcomes));
        System.out.println("the model was asked on " + outcomes.stream().filter(o -> o.withModel().get("modelAsked")
                .asBoolean()).count() + " of " + outcomes.size() + " cases");

        List<String> broken = outcomes.stream().filter(o -> o.rulesOk() && !o.modelOk())
                .map(o -> o.kind() + " " + o.kase().path("utterance").asText() + " -> " + o.withModel()).toList();
        assertThat(broken).as("the rules are the judge: the model never undoes what they got right").isEmpty();
        List<Outcome> rescued = outcomes.stream().filter(o -> !o.rulesOk() && o.modelOk()).toList();
        assertThat(rescued).as("the model path rescues some rules misses").isNotEmpty();
        for (Outcome o : rescued) {
            JsonNode r = o.withModel();
            assertThat(r.get("modelAsked").asBoolean()).as(o.kase().toString()).isTrue();
            if (o.kase().hasNonNull("expect")) {
                assertThat(r.get("filledBy").get(slot(o.kind())).asText()).as(o.kase().toString()).isEqualTo("model");
                assertThat(r.get("source").asText()).isEqualTo("rules+model");
            }
        }
        // where the rules read what was asked the model is not asked, as in a call turn
        for (Outcome o : outcomes) {
            JsonNode r = o.withModel();
            String filler = r.get("filledBy").get(slot(o.kind())).asText(null);
            if ("rules".equals(filler)) {
                assertThat(r.get("modelAsked").asBoolean()).as(o.kase().toString()).isFalse();
            }
        }
        assertThat(model.asked()).as("the replay answered every question").isPositive();
    }

    @Test
    void theRulesKeepTheirSlotWhenTheModelSaysOtherwise() throws Exception {
        // the model reads "yes" as a name; the rules read it as a confirmation on a confirm step and are not asked
        Reply r = api.post("/api/nlu/parse", Map.of("text", "yes", "expect", "confirm", "path", "model"));
        assertThat(r.json().get("confirmation").asText()).isEqualTo("yes");
        assertThat(r.json().get("filledBy").get("confirmation").asText()).isEqualTo("rules");
        assertThat(r.json().get("modelAsked").asBoolean()).isFalse();
        assertThat(r.json().get("name").isNull()).isTrue();
        // asked for a name, "yes" goes to the model, which hallucinates one: the name parser refuses "Yes"
        Reply name = api.post("/api/nlu/parse", Map.of("text", "yes", "expect", "name", "path", "model"));
        assertThat(name.json().get("modelAsked").asBoolean()).isTrue();
        assertThat(name.json().get("modelAnswered").asBoolean()).isTrue();
        assertThat(name.json().get("name").isNull()).as(name.toString()).isTrue();
    }

    @Test
    void anUnknownUtteranceGetsAnAllNullReadingAndTheRulesAnswerAlone() throws Exception {
        Reply r = api.post("/api/nlu/parse", Map.of("text", "blue elephants dancing", "expect", "phone", "path", "model"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("modelAsked").asBoolean()).isTrue();
        assertThat(r.json().get("modelAnswered").asBoolean()).isTrue();
        assertThat(r.json().get("phone").isNull()).isTrue();
        assertThat(r.json().get("source").asText()).isEqualTo("rules");
        assertThat(model.unknown()).isPositive();
    }

    static String slot(String kind) {
        return switch (kind) {
            case "time" -> "start";
            case "duration" -> "durationMinutes";
            case "confirm" -> "confirmation";
            default -> kind;
        };
    }

    static List<JsonNode> sample() throws Exception {
        try (InputStream in = ModelPathEvaluationTest.class.getResourceAsStream("/understanding/extraction-sample.jsonl")) {
            List<JsonNode> cases = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    cases.add(JSON.readTree(line));
                }
            }
            return cases;
        }
    }

    static Reply parse(JsonNode kase, String path) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", kase.path("utterance").asText());
        body.put("expect", kase.path("kind").asText());
        if (kase.has("now")) {
            body.put("now", kase.get("now").asText());
        }
        if (kase.has("tz")) {
            body.put("timezone", kase.get("tz").asText());
        }
        body.put("path", path);
        return api.post("/api/nlu/parse", body);
    }

    /** As the black-box grading tool grades a case ({@code callsim.py nlu}). */
    static boolean grade(JsonNode kase, JsonNode res) {
        JsonNode want = kase.get("expect");
        return switch (kase.path("kind").asText()) {
            case "name" -> nameOk(text(res, "name"), want.isNull() ? null : want.asText(), kase.path("basis").asText());
            case "phone" -> java.util.Objects.equals(text(res, "phone"), want.isNull() ? null : want.asText());
            case "time" -> {
                String got = wallclock(text(res, "start"), kase.path("tz").asText("UTC"));
                boolean also = false;
                for (JsonNode a : kase.path("also_accept")) {
                    also |= a.asText().equals(got);
                }
                yield java.util.Objects.equals(got, want.isNull() ? null : want.asText()) || also;
            }
            case "duration" -> want.isNull() ? res.path("durationMinutes").isNull()
                    : res.path("durationMinutes").isInt() && res.get("durationMinutes").asInt() == want.asInt();
            case "confirm" -> java.util.Objects.equals(norm(text(res, "confirmation")), want.isNull() ? null : norm(want.asText()));
            default -> throw new IllegalArgumentException(kase.toString());
        };
    }

    static boolean nameOk(String got, String want, String basis) {
        if (want == null) {
            return got == null || got.isEmpty();
        }
        if (got == null) {
            return false;
        }
        if (basis.equals("tokens")) {
            return List.of(norm(got).split(" ")).containsAll(List.of(norm(want).split(" ")));
        }
        return norm(got).equals(norm(want));
    }

    static String wallclock(String start, String tz) {
        if (start == null) {
            return null;
        }
        return OffsetDateTime.parse(start).atZoneSameInstant(ZoneId.of(tz)).toLocalDateTime()
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
    }

    static String text(JsonNode res, String field) {
        JsonNode v = res.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static String norm(String s) {
        return s == null ? null : String.join(" ", s.toLowerCase(Locale.ROOT).trim().split("\\s+"));
    }

    static String table(List<Outcome> outcomes) {
        StringBuilder t = new StringBuilder("\n| kind | cases | rules alone | with model | rescued | broken |\n|---|---|---|---|---|---|\n");
        int[] total = new int[5];
        for (String kind : KINDS) {
            List<Outcome> k = outcomes.stream().filter(o -> o.kind().equals(kind)).toList();
            int[] row = {k.size(), count(k, o -> o.rulesOk()), count(k, o -> o.modelOk()), count(k, o -> !o.rulesOk() && o.modelOk()),
                    count(k, o -> o.rulesOk() && !o.modelOk())};
            t.append(String.format("| %s | %d | %d | %d | %d | %d |%n", kind, row[0], row[1], row[2], row[3], row[4]));
            for (int i = 0; i < 5; i++) {
                total[i] += row[i];
            }
        }
        t.append(String.format("| all | %d | %d | %d | %d | %d |%n", total[0], total[1], total[2], total[3], total[4]));
        for (Outcome o : outcomes) {
            if (o.rulesOk() != o.modelOk() || !o.modelOk()) {
                t.append(String.format("  %-7s %-8s %s -> %s%n", o.rulesOk() == o.modelOk() ? "miss" : o.modelOk() ? "RESCUED" : "BROKEN",
                        o.kind(), JSON.valueToTree(o.kase().path("utterance").asText()), o.withModel().get(slot(o.kind()))));
            }
        }
        return t.toString();
    }

    static int count(List<Outcome> k, java.util.function.Predicate<Outcome> which) {
        return (int) k.stream().filter(which).count();
    }
}
