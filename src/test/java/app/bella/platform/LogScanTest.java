package app.bella.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import app.bella.events.EventStream;
import app.bella.testing.ApiClient;
import app.bella.testing.BellaServer;
import app.bella.testing.TwilioCaller;
import app.bella.voice.TwilioSignature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Everything Bella logs (at INFO and up, in the production JSON layout) during a booking call, an API session and an
 * SMS reply: it carries the ids an operator searches by (callSid, requestId, messageSid) and none of the personal
 * data or secrets that went through: phone numbers, names, transcripts, the API key, the Twilio token.
 */
class LogScanTest {

    static final String ACCOUNT = "AC" + "7".repeat(32);
    static final String TOKEN = "log-scan-twilio-token-0123456789";
    static final String API_KEY = "test-admin-key-0123456789abcdef0123456789";
    static final String CALLER = "+15875550177";
    static final String API_CUSTOMER = "+14035550188";
    static final String PRACTICE_NUMBER = "+15875550100";
    static final ObjectMapper JSON = new ObjectMapper();
    static final WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort());
    static final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
    static Capture capture;
    static Level rootLevel;
    static BellaServer bella;

    /** Collects every event as the ECS JSON line production would print. */
    static final class Capture extends AbstractAppender {
        Capture(JsonTemplateLayout layout) {
            super("log-scan", null, layout, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            lines.add(((JsonTemplateLayout) getLayout()).toSerializable(event).strip());
        }
    }

    @BeforeAll
    static void start() throws Exception {
        twilio.start();
        twilio.stubFor(post(urlEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM" + "1".repeat(32) + "\",\"status\":\"queued\"}")));
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        capture = new Capture(JsonTemplateLayout.newBuilder().setConfiguration(config).setEventTemplateUri("classpath:EcsLayout.json").build());
        capture.start();
        config.getRootLogger().addAppender(capture, Level.ALL, null);
        rootLevel = config.getRootLogger().getLevel();
        Configurator.setRootLevel(Level.INFO);
        context.updateLoggers();

        Map<String, String> p = new HashMap<>();
        String prefix = "logscan" + UUID.randomUUID().toString().substring(0, 8) + ".";
        for (EventStream stream : EventStream.values()) {
            p.put(stream.topicProperty(), prefix + stream.id());
        }
        p.put("bella.notify.consumer-group", prefix + "notifications");
        p.put("bella.clock", "2025-10-08T10:00:00-06:00");
        p.put("bella.timezone", "America/Edmonton");
        p.put("bella.sms.from", PRACTICE_NUMBER);
        p.put("bella.twilio.account-sid", ACCOUNT);
        p.put("bella.twilio.auth-token", TOKEN);
        p.put("bella.twilio.api-base-url", twilio.baseUrl());
        p.put("bella.api.bootstrap-api-key", API_KEY);
        p.put("bella.notify.poll-interval-ms", "100");
        p.put("bella.outbox.poll-interval-ms", "100");
        bella = BellaServer.start(p);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (bella != null) {
                bella.close();
            }
        } finally {
            twilio.stop();
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            context.getConfiguration().getRootLogger().removeAppender("log-scan");
            Configurator.setRootLevel(rootLevel);
            context.updateLoggers();
        }
    }

    @Test
    void aCallAnApiSessionAndAnSmsReplyLeaveNoPersonalDataOrSecretInTheLog() throws Exception {
        // a whole booking call
        TwilioCaller call = new TwilioCaller(bella.baseUrl(), TOKEN, CALLER).dial();
        call.say("Hi, I'm Johanna Smithers, can I come in tomorrow at 2 pm?");
        call.say("yes");
        assertThat(call.ended).isEqualTo("hangup");
        assertThat(call.lastPrompt()).contains("You're all set");

        // an API session, one request carrying its own X-Request-Id
        ApiClient api = new ApiClient(bella, API_KEY);
        ApiClient.Reply created = api.post("/api/customers", Map.of("name", "Bartholomew Quince", "phone", API_CUSTOMER),
                Map.of("X-Request-Id", "ops-trace-0001"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("X-Request-Id")).isEqualTo("ops-trace-0001");
        ApiClient.Reply booked = api.post("/api/appointments", Map.of("name", "Bartholomew Quince", "phone", API_CUSTOMER,
                "start", "2025-10-21T11:00:00-06:00", "durationMinutes", 30));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        assertThat(booked.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        ApiClient.Reply forged = api.send("GET", "/api/appointments?phone=" + URLEncoder.encode(API_CUSTOMER, StandardCharsets.UTF_8), null,
                Map.of("X-Request-Id", "bad id\twith=spaces"));
        assertThat(forged.header("X-Request-Id")).as("an unsafe id is replaced").matches("[0-9a-f-]{36}");
        assertThat(api.get("/api/customers?phone=" + URLEncoder.encode(API_CUSTOMER, StandardCharsets.UTF_8)).status()).isEqualTo(200);
        assertThat(api.withKey("wrong-key-0123456789abcdef0123456789abcdef").get("/api/appointments").status()).isEqualTo(401);

        // the confirmation SMS goes out (Kafka consumer → Twilio), then the customer answers it
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !twilio.getAllServeEvents().isEmpty());
        String messageSid = "SM" + UUID.randomUUID().toString().replace("-", "");
        HttpResponse<String> reply = incomingSms(CALLER, "Yes please, Johanna here, confirm for 4035550188", messageSid);
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).contains("<Response");
        Thread.sleep(500); // let the consumers and the relay log what they log

        List<String> log;
        synchronized (lines) {
            log = List.copyOf(lines);
        }
        assertThat(log).isNotEmpty();
        String all = String.join("\n", log);
        List<String> forbidden = List.of(CALLER, CALLER.substring(2), API_CUSTOMER, API_CUSTOMER.substring(2), "5550177", "5550188",
                "Johanna", "Smithers", "Bartholomew", "Quince", "tomorrow at 2", "come in", "Yes please", API_KEY, TOKEN,
                "wrong-key-0123456789abcdef");
        for (String secret : forbidden) {
            assertThat(all).as("the log contains %s", secret).doesNotContain(secret);
        }
        Pattern phone = Pattern.compile("\\+\\d{10,15}|(?<![\\w-])\\d{10}(?![\\w-])");
        assertThat(log).as("full phone numbers").noneMatch(l -> phone.matcher(message(l)).find());

        // every line is one JSON object; the call's lines carry its CallSid, the API's their request id
        List<JsonNode> events = new ArrayList<>();
        for (String line : log) {
            events.add(JSON.readTree(line));
        }
        List<JsonNode> callLines = events.stream().filter(e -> call.callSid.equals(e.path("callSid").asText())).toList();
        assertThat(callLines).as("lines of the call\n" + all).isNotEmpty();
        assertThat(events.stream().filter(e -> e.path("log.logger").asText().startsWith("app.bella.voice")
                || e.path("log.logger").asText().startsWith("voice-")).toList())
                .as("voice lines without a callSid").allSatisfy(e -> assertThat(e.path("callSid").asText()).isNotEmpty());
        assertThat(events).as("API lines with the caller's request id")
                .anySatisfy(e -> assertThat(e.path("requestId").asText()).isEqualTo("ops-trace-0001"));
        assertThat(events.stream().filter(e -> e.path("camel.routeId").asText().startsWith("api-")).toList())
                .allSatisfy(e -> assertThat(e.path("requestId").asText()).isNotEmpty());
        assertThat(events.stream().filter(e -> e.path("camel.routeId").asText().startsWith("notify-sms-repl")).toList())
                .as("SMS reply lines carry the message SID").allSatisfy(e -> assertThat(e.path("messageSid").asText()).isEqualTo(messageSid));
    }

    static String message(String jsonLine) {
        try {
            JsonNode e = JSON.readTree(jsonLine);
            return e.path("message").asText() + " " + e.path("error.message").asText() + " " + e.path("error.stack_trace").asText();
        } catch (Exception ex) {
            return jsonLine;
        }
    }

    static HttpResponse<String> incomingSms(String from, String text, String messageSid) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", ACCOUNT);
        params.put("MessageSid", messageSid);
        params.put("SmsSid", messageSid);
        params.put("From", from);
        params.put("To", PRACTICE_NUMBER);
        params.put("Body", text);
        params.put("NumMedia", "0");
        String form = params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return bella.send(HttpRequest.newBuilder(bella.uri("/twilio/sms"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", TwilioSignature.compute(TOKEN, bella.baseUrl() + "/twilio/sms", params))
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }
}
