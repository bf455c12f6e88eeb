package app.bella.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.ApiClient;
import app.bella.testing.ApiClient.Reply;
import app.bella.testing.BellaServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /api/nlu/parse on the real server: ranges, unresolved days, international phones; holidays as closures. */
class NluApiTest {

    static final String KEY = "test-admin-key-0123456789abcdef0123456789";
    static BellaServer bella;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        bella = BellaServer.start(Map.of(
                "bella.clock", "2025-10-08T10:00:00-06:00",
                "bella.timezone", "America/Edmonton",
                "bella.api.bootstrap-api-key", KEY,
                "bella.schedule.holidays", "Christmas Eve, Christmas, Boxing Day, Remembrance Day"));
        api = new ApiClient(bella, KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
    }

    private static Reply parse(Map<String, Object> body) throws Exception {
        return api.post("/api/nlu/parse", body);
    }

    @Test
    void aLongDigitStringIsNoPhoneAndNoError() throws Exception {
        Reply r = parse(Map.of("text", "12345678901234", "expect", "phone"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("phone").isNull()).isTrue();
        Reply time = parse(Map.of("text", "my card is 4111111111111111 at 3", "expect", "time"));
        assertThat(time.status()).isEqualTo(200);
    }

    @Test
    void aNationalNumberIsReadInTheCallersCountry() throws Exception {
        assertThat(parse(Map.of("text", "oh two oh seven nine four six oh oh one eight", "expect", "phone",
                "callerId", "+447911123456")).json().get("phone").asText()).isEqualTo("+442079460018");
        assertThat(parse(Map.of("text", "06 12 34 56 78", "expect", "phone", "callerId", "+33140000000"))
                .json().get("phone").asText()).isEqualTo("+33612345678");
        // without the caller's country the same digits are no number of the practice's country
        assertThat(parse(Map.of("text", "06 12 34 56 78", "expect", "phone")).json().get("phone").isNull()).isTrue();
        assertThat(parse(Map.of("text", "x", "callerId", "447911")).status()).isEqualTo(422);
    }

    @Test
    void aVagueWeekIsARangeAndNeverAStart() throws Exception {
        Reply r = parse(Map.of("text", "maybe Tuesday or Wednesday next week at 3", "expect", "time"));
        assertThat(r.json().get("start").isNull()).isTrue();
        var range = r.json().get("when").get("range");
        assertThat(range.get("earliest").asText()).isEqualTo("2025-10-13");
        assertThat(range.get("latest").asText()).isEqualTo("2025-10-19");
        assertThat(range.get("weekdays").toString()).isEqualTo("[\"tuesday\",\"wednesday\"]");
    }

    @Test
    void pastImpossibleAndUnknownDaysAreUnresolvedWithTheWordsHeard() throws Exception {
        for (String[] c : new String[][]{{"yesterday afternoon at 3", "yesterday"}, {"February 30th at 10", "February 30th"},
                {"on Diwali at 2 pm", "Diwali"}, {"last Friday at 2", "last Friday"}, {"the 32nd at 9", "the 32nd"}}) {
            Reply r = parse(Map.of("text", c[0], "expect", "time"));
            assertThat(r.json().get("start").isNull()).as(c[0]).isTrue();
            assertThat(r.json().get("when").get("unresolved").asText()).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void namedDaysResolveByCountry() throws Exception {
        assertThat(parse(Map.of("text", "Thanksgiving at 10 am", "expect", "time")).json().get("start").asText())
                .startsWith("2025-10-13T10:00");
        assertThat(parse(Map.of("text", "Thanksgiving at 10 am", "expect", "time", "country", "US")).json()
                .get("start").asText()).startsWith("2025-11-27T10:00");
    }

    @Test
    void declaredHolidaysAreClosedDays() throws Exception {
        assertThat(api.get("/api/availability?from=2025-12-24&to=2025-12-26").json()).isEmpty();
        assertThat(api.get("/api/availability?from=2025-11-11&to=2025-11-11").json()).isEmpty();
        assertThat(api.get("/api/availability?from=2025-12-23&to=2025-12-23").json()).isNotEmpty();
    }

    @Test
    void theRulesPathSaysWhoFilledEachSlotAndTheModelPathNeedsAModel() throws Exception {
        Reply r = parse(Map.of("text", "Sam Carter, Friday at 10", "expect", "name"));
        assertThat(r.json().get("path").asText()).isEqualTo("rules");
        assertThat(r.json().get("modelAsked").asBoolean()).isFalse();
        assertThat(r.json().get("filledBy").get("name").asText()).isEqualTo("rules");
        assertThat(r.json().get("filledBy").get("start").asText()).isEqualTo("rules");
        assertThat(r.json().get("filledBy").get("phone").isNull()).isTrue();
        // no OPENAI_API_KEY here: the model path is refused, naming the field, rather than quietly answering by rules
        Reply model = parse(Map.of("text", "Sam Carter", "expect", "name", "path", "model"));
        assertThat(model.status()).isEqualTo(422);
        assertThat(model.json().get("field").asText()).isEqualTo("path");
        // the model path spends on model tokens: a read-only key is refused before anything is asked
        String readKey = api.post("/api/keys", Map.of("label", "nlu-reader", "scope", "read")).json().get("key").asText();
        Reply readOnly = api.withKey(readKey).post("/api/nlu/parse", Map.of("text", "Sam Carter", "expect", "name", "path", "model"));
        assertThat(readOnly.status()).isEqualTo(403);
        assertThat(readOnly.json().get("field").asText()).isEqualTo("path");
        assertThat(api.withKey(readKey).post("/api/nlu/parse", Map.of("text", "Sam Carter", "expect", "name")).status())
                .as("the rules path stays open to read keys").isEqualTo(200);
        Reply unknown = parse(Map.of("text", "Sam Carter", "path", "magic"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("field").asText()).isEqualTo("path");
    }
}
