package app.bella.platform;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.ApiClient;
import app.bella.testing.BellaServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The management plane on loopback: nothing of /observe on the public port, and Jolokia limited to reading Camel's
 * and the JVM's statistics and the route operations an operator needs (the attack of issue 9: SQL through
 * requestStringBody).
 */
class ManagementPlaneTest {

    static final String OPENAI_KEY = "sk-test-secret-openai-0123456789";
    static final String TWILIO_TOKEN = "twilio-secret-token-0123456789";
    static final String SLACK_URL = "https://hooks.slack.com/services/T000/B000/slacksecret0123456789";
    static final String SMTP_PASSWORD = "smtp-secret-password-0123456789";
    static final String SQL_ATTACK = "{\"type\":\"exec\",\"mbean\":\"org.apache.camel:context=bella,type=context,name=\\\"bella\\\"\","
            + "\"operation\":\"requestStringBody(java.lang.String,java.lang.String)\","
            + "\"arguments\":[\"sql:select count(*) as n from customer?dataSource=#dataSource\",\"x\"]}";

    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        bella = BellaServer.start(Map.of("bella.api.bootstrap-api-key", "test-admin-key-0123456789abcdef0123456789",
                "bella.openai.api-key", OPENAI_KEY, "bella.twilio.auth-token", TWILIO_TOKEN,
                "bella.alerts.slack.webhook-url", SLACK_URL, "bella.alerts.smtp.host", "127.0.0.1",
                "bella.alerts.smtp.password", SMTP_PASSWORD, "bella.alerts.email.to", "ops@example.com"));
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
    }

    static HttpResponse<String> post(String url, String json) throws Exception {
        return bella.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Jolokia's own status (it answers HTTP 200 with the real status in the body). */
    static JsonNode jolokia(String json) throws Exception {
        // a read of every Camel MBean is large: allow it more time than BellaServer's 20 s on a busy machine
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(bella.managementUrl() + "/observe/jolokia"))
                .timeout(java.time.Duration.ofSeconds(90)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return ApiClient.JSON.readTree(r.body());
    }

    static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    @Test
    void nothingOfObserveIsServedOnThePublicPort() throws Exception {
        for (String path : List.of("/observe/health", "/observe/metrics", "/observe/jolokia", "/observe/jolokia/version")) {
            assertThat(bella.get(path).statusCode()).as(path).isEqualTo(404);
        }
        HttpResponse<String> attack = post(bella.baseUrl() + "/observe/jolokia", SQL_ATTACK);
        assertThat(attack.statusCode()).isEqualTo(404);
        assertThat(attack.body()).doesNotContain("\"value\"");
    }

    @Test
    void jolokiaRefusesRequestStringBodyOnTheManagementPort() throws Exception {
        JsonNode answer = jolokia(SQL_ATTACK);
        assertThat(answer.path("status").asInt()).isEqualTo(403);
        assertThat(answer.has("value")).isFalse();
    }

    @Test
    void jolokiaRefusesEverythingThatReachesEndpointsWritesOrDumps() throws Exception {
        String context = "org.apache.camel:context=bella,type=context,name=\\\"bella\\\"";
        List<String> refused = List.of(
                exec(context, "sendBody(java.lang.String,java.lang.Object)", "\"log:x\",\"x\""),
                exec(context, "requestBody(java.lang.String,java.lang.Object)", "\"log:x\",\"x\""),
                exec(context, "createEndpoint(java.lang.String)", "\"file:/tmp\""),
                exec(context, "stop()", ""),
                exec(context, "dumpRoutesAsXml(boolean)", "true"),
                exec("com.sun.management:type=HotSpotDiagnostic", "dumpHeap(java.lang.String,boolean)", "\"/tmp/heap.hprof\",true"),
                exec("com.sun.management:type=DiagnosticCommand", "jfrStart([Ljava.lang.String;)", "[]"),
                exec("jdk.management.jfr:type=FlightRecorder", "newRecording()", ""),
                exec("java.lang:type=Memory", "gc()", ""),
                "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":true}",
                "{\"type\":\"write\",\"mbean\":\"org.apache.camel:context=bella,type=routes,name=\\\"console-page\\\"\","
                        + "\"attribute\":\"TracingPattern\",\"value\":\"*\"}",
                "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"SystemProperties\"}",
                "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"InputArguments\"}",
                "{\"type\":\"read\",\"mbean\":\"org.apache.logging.log4j2:type=*\"}");
        for (String request : refused) {
            JsonNode answer = jolokia(request);
            assertThat(answer.path("status").asInt()).as(request).isIn(403, 404);
            assertThat(answer.has("value")).as(request).isFalse();
        }
    }

    @Test
    void routeStatisticsAndOperatorOperationsStayAllowedForHawtio() throws Exception {
        String route = "org.apache.camel:context=bella,type=routes,name=\\\"console-page\\\"";
        bella.get("/");
        JsonNode total = jolokia("{\"type\":\"read\",\"mbean\":\"" + route + "\",\"attribute\":\"ExchangesTotal\"}");
        assertThat(total.path("status").asInt()).isEqualTo(200);
        assertThat(total.path("value").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(jolokia(exec(route, "reset()", "")).path("status").asInt()).isEqualTo(200);
        assertThat(jolokia(exec(route, "suspend()", "")).path("status").asInt()).isEqualTo(200);
        assertThat(jolokia(exec(route, "resume()", "")).path("status").asInt()).isEqualTo(200);
        assertThat(bella.get("/").statusCode()).isEqualTo(200);
        assertThat(jolokia("{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"HeapMemoryUsage\"}")
                .path("status").asInt()).isEqualTo(200);
        assertThat(jolokia("{\"type\":\"version\"}").path("status").asInt()).isEqualTo(200);
        assertThat(jolokia("{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}").path("value").size())
                .isGreaterThan(10);
    }

    @Test
    void metricsAndHealthAreScrapeableOnTheManagementPort() throws Exception {
        HttpResponse<String> metrics = bella.observe("/observe/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("camel_exchanges_total");
        assertThat(bella.observe("/observe/health").statusCode()).isEqualTo(200);
    }

    @Test
    void noSecretIsReadableThroughJolokia() throws Exception {
        String everything = jolokia("{\"type\":\"read\",\"mbean\":\"org.apache.camel:*\"}").toString()
                + jolokia("{\"type\":\"list\"}").toString()
                + jolokia("{\"type\":\"search\",\"mbean\":\"*:*\"}").toString()
                + jolokia("{\"type\":\"read\",\"mbean\":\"java.lang:*\"}").toString();
        assertThat(everything.length()).isGreaterThan(100_000);
        assertThat(everything).doesNotContain(OPENAI_KEY).doesNotContain(TWILIO_TOKEN).doesNotContain("slacksecret0123456789")
                .doesNotContain(SMTP_PASSWORD).doesNotContain("test-admin-key-0123456789abcdef0123456789");
    }

    private static String exec(String mbean, String operation, String arguments) {
        return "{\"type\":\"exec\",\"mbean\":\"" + mbean + "\",\"operation\":\"" + operation + "\",\"arguments\":[" + arguments + "]}";
    }
}
