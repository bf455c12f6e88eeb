package app.bella.costs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.bella.events.EventStream;
import app.bella.testing.ApiClient;
import app.bella.testing.BellaServer;
import app.bella.testing.TwilioCaller;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 200 calls through the Whisper and model paths against WireMock (OpenAI, Twilio recordings and SMS) at the list
 * prices: the ledger's cost per booked appointment, read from GET /api/unified/costs, is printed and must stay at
 * or under $0.03.
 */
class CostSimulationTest {

    static final String TOKEN = "sim-token";
    static final String ACCOUNT = "AC" + "7".repeat(32);
    static final String KEY = "test-admin-key-0123456789abcdef0123456789";
    static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    static final ObjectMapper JSON = new ObjectMapper();
    static final WireMockServer saas = new WireMockServer(wireMockConfig().dynamicPort());
    static BellaServer bella;
    static final int CALLS = Integer.getInteger("bella.simulation.calls", 200);
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        saas.start();
        Map<String, String> p = new HashMap<>();
        String prefix = "sim" + UUID.randomUUID().toString().substring(0, 8) + ".";
        for (EventStream stream : EventStream.values()) {
            p.put(stream.topicProperty(), prefix + stream.id());
        }
        p.put("bella.notify.consumer-group", prefix + "notifications");
        p.put("bella.alerts.consumer-group", prefix + "alerts");
        p.put("bella.clock", "2025-10-08T10:00:00-06:00");
        p.put("bella.timezone", "America/Edmonton");
        p.put("bella.twilio.auth-token", TOKEN);
        p.put("bella.twilio.account-sid", ACCOUNT);
        p.put("bella.twilio.api-base-url", saas.baseUrl());
        p.put("bella.sms.from", "+15875550100");
        p.put("bella.notify.poll-interval-ms", "100");
        p.put("bella.outbox.poll-interval-ms", "100");
        p.put("bella.openai.api-key", "sk-test");
        p.put("bella.openai.base-url", saas.baseUrl());
        p.put("bella.stt", "whisper");
        p.put("bella.extractor", "llm");
        p.put("bella.breaker.minimum-calls", "500");
        p.put("bella.stt.timeout-ms", "20000");
        p.put("bella.stt.max-polls", "10");
        p.put("bella.llm.timeout-ms", "20000");
        p.put("bella.api.bootstrap-api-key", KEY);
        p.put("bella.api.rate-limit-per-hour", "0");
        p.put("bella.cost.test-numbers", "+15875559999");
        bella = BellaServer.start(p);
        api = new ApiClient(bella, KEY);
        // the model adds nothing the rules did not find (250 prompt + 40 completion tokens a call)
        Map<String, Object> reading = new LinkedHashMap<>();
        for (String f : new String[] {"intent", "name", "phone", "when_phrase", "duration_minutes", "service", "confirmation"}) {
            reading.put(f, null);
        }
        String nothing = JSON.writeValueAsString(reading);
        saas.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(JSON.writeValueAsString(Map.of(
                        "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", nothing),
                                "finish_reason", "stop")),
                        "usage", Map.of("prompt_tokens", 250, "completion_tokens", 40))))));
        saas.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"SM{{randomValue length=32 type='HEXADECIMAL'}}\",\"status\":\"queued\"}")
                .withTransformers("response-template")));
        saas.stubFor(get(urlPathMatching("/2010-04-01/Accounts/" + ACCOUNT + "/Recordings/.*\\.wav"))
                .willReturn(aResponse().withHeader("Content-Type", "audio/x-wav").withBody("RIFF{{request.path.[4]}}")
                        .withTransformers("response-template")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (bella != null) {
            bella.close();
        }
        saas.stop();
    }

    static final String[] FIRST = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Ken", "Dennis", "Niklaus", "Frances"};
    static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Thompson", "Ritchie", "Wirth", "Allen"};
    static final String[] TIMES = {"9 am", "9:30 am", "10 am", "10:30 am", "11 am", "11:30 am", "1 pm", "1:30 pm", "2 pm", "2:30 pm"};

    /** One simulated call, every answer recorded and heard by Whisper: name, a mumble the model reads in every fifth call, date, yes. */
    static String call(int i, LocalDate day) throws Exception {
        String name = FIRST[i % 10] + " " + LAST[(i / 10) % 10];
        TwilioCaller c = new TwilioCaller(bella.baseUrl(), TOKEN, String.format("+1587557%04d", i)).dial();
        int[] turn = {0};
        answer(c, i, turn, name);
        if (c.lastPrompt().contains("name")) {
            answer(c, i, turn, name); // Whisper timed out on a loaded machine: asked again
        }
        if (i % 5 == 0) {
            answer(c, i, turn, "hmm let me see, whatever works for you really");
        }
        String when = day.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " "
                + day.getDayOfMonth() + " at " + TIMES[i % 10];
        answer(c, i, turn, when);
        answer(c, i, turn, "yes");
        if (!c.lastPrompt().contains("all set")) {
            throw new AssertionError("call " + i + " (" + when + ") did not book: " + c.heard);
        }
        // Twilio's status callback: a call of 70 to 110 seconds
        c.post("/twilio/status", Map.of("CallStatus", "completed", "CallDuration", String.valueOf(70 + (i % 5) * 10)));
        return c.callSid;
    }

    /** Answers by recording (Whisper hears it, ~3 s of audio) or, after a Whisper fallback, by Twilio speech. */
    static void answer(TwilioCaller c, int call, int[] turn, String text) throws Exception {
        if (!"record".equals(c.gatherInput())) {
            c.say(text);
            return;
        }
        String sid = "RE" + String.format("%028d%04d", call, turn[0]++);
        saas.stubFor(post(urlEqualTo("/v1/audio/transcriptions")).withRequestBody(containing("RIFF" + sid))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"text\":\"" + text + "\"}")));
        c.recorded(sid, saas.baseUrl() + "/2010-04-01/Accounts/" + ACCOUNT + "/Recordings/" + sid, 3);
    }

    @Test
    void twoHundredCallsCostAtMostThreeCentsPerBookedAppointment() throws Exception {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2025, 10, 13); days.size() < 20; d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(d);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            int n = i;
            calls.add(pool.submit(() -> call(n, days.get(n / 10))));
        }
        for (Future<String> f : calls) {
            f.get();
        }
        pool.shutdown();
        // a test call is left out of every report
        TwilioCaller test = new TwilioCaller(bella.baseUrl(), TOKEN, "+15875559999").dial();
        test.post("/twilio/status", Map.of("CallStatus", "completed", "CallDuration", "600"));

        // every confirmation goes out; Twilio's message status callback bills its segments
        await().atMost(Duration.ofSeconds(60)).until(() -> saas.findAll(postRequestedFor(urlEqualTo(MESSAGES))).size() >= CALLS);
        List<String> sids = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            sids.clear();
            try (Connection c = bella.jdbc(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT message_sid FROM notification WHERE message_sid IS NOT NULL")) {
                while (rs.next()) {
                    sids.add(rs.getString(1));
                }
            }
            return sids.size() >= CALLS;
        });
        int maxLength = saas.findAll(postRequestedFor(urlEqualTo(MESSAGES))).stream()
                .mapToInt(r -> form(r).getOrDefault("Body", "").length()).max().orElse(0);
        for (String sid : sids) {
            TwilioCaller cb = new TwilioCaller(bella.baseUrl(), TOKEN, "+15875550100");
            Map<String, String> status = new LinkedHashMap<>();
            status.put("MessageSid", sid);
            status.put("MessageStatus", "sent");
            status.put("NumSegments", String.valueOf(maxLength <= 160 ? 1 : (maxLength + 152) / 153));
            assertThat(cb.post("/twilio/sms/status", status).status()).isEqualTo(CALLS);
            cb.post("/twilio/sms/status", Map.of("MessageSid", sid, "MessageStatus", "delivered")); // not billed twice
        }

        JsonNode costs = await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/unified/costs").json(),
                j -> j.get("byItem").findValuesAsText("item").contains("sms-confirmation")
                        && j.get("byItem").findValues("entries").stream().mapToLong(JsonNode::asLong).sum() > 0
                        && entries(j, "sms-confirmation") >= CALLS);
        double perBooking = costs.get("costPerBookedAppointment").asDouble();
        System.out.printf("%n=== Cost simulation: 200 calls (Whisper on every answer, model on every fifth call) ===%n%s%n"
                        + "cost per call %s, cost per booked appointment %s %s (bookings %d), reminders per booking %s%n"
                        + "per turn: twilio speech %s, whisper %s, model call %s%n%n",
                costs.get("byItem").toPrettyString(), costs.get("costPerCall"), costs.get("costPerBookedAppointment"),
                costs.get("currency").asText(), costs.get("bookings").asLong(), costs.at("/reminders/perBooking"),
                costs.at("/perTurn/twilioSpeech"), costs.at("/perTurn/whisper"), costs.at("/perTurn/modelCall"));
        assertThat(costs.get("calls").asLong()).as("the test call is left out").isEqualTo(CALLS);
        assertThat(costs.get("bookings").asLong()).isEqualTo(CALLS);
        assertThat(entries(costs, "voice-inbound")).isEqualTo(CALLS);
        assertThat(entries(costs, "recording")).isGreaterThanOrEqualTo(CALLS * 3);
        // every fifth call asks the model once (a model call that timed out on a loaded machine is not billed)
        assertThat(entries(costs, "extraction")).isBetween((long) CALLS / 5 - CALLS / 40, (long) CALLS / 5);
        assertThat(entries(costs, "sms-confirmation")).isEqualTo(CALLS);
        assertThat(amount(costs, "voice-inbound")).as("2 started minutes × $0.0085 per call").isEqualTo(CALLS * 2 * 0.0085, within());
        assertThat(perBooking).as("cost per booked appointment").isGreaterThan(0.0).isLessThanOrEqualTo(0.03);
    }

    static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-6);
    }

    static long entries(JsonNode costs, String item) {
        for (JsonNode i : costs.get("byItem")) {
            if (item.equals(i.get("item").asText())) {
                return i.get("entries").asLong();
            }
        }
        return 0;
    }

    static double amount(JsonNode costs, String item) {
        for (JsonNode i : costs.get("byItem")) {
            if (item.equals(i.get("item").asText())) {
                return i.get("amount").asDouble();
            }
        }
        return 0;
    }

    static Map<String, String> form(LoggedRequest r) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : r.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
