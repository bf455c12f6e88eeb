package app.bella.console;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.BellaServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's server side over real HTTP: page and assets, sign-in sessions, CSRF, and test calls. */
class ConsoleSessionTest {

    static final String ADMIN = "test-admin-key-0123456789abcdef0123456789";
    static final ObjectMapper JSON = new ObjectMapper();
    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        bella = BellaServer.start(Map.of("bella.api.bootstrap-api-key", ADMIN, "bella.twilio.auth-token", "test-auth-token",
                "bella.clock", "2025-10-08T10:00:00-06:00", "bella.timezone", "America/Edmonton"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (bella != null) {
            bella.close();
        }
    }

    @Test
    void pageAndAssetsAreServedGzippedFromTheJarWithAStrictPolicy() throws Exception {
        HttpResponse<byte[]> page = bytes("/", "gzip");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'")
                .doesNotContain("unsafe-inline");
        String html = gunzip(page.body());
        assertThat(html).contains("<title>Bella").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("<script>").doesNotContain("style=");
        HttpResponse<byte[]> chart = bytes("/console/static/vendor/uPlot.iife.min.js", "gzip");
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(gunzip(chart.body())).contains("uPlot");
        HttpResponse<byte[]> plain = bytes("/console/static/console.js", null);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        String etag = plain.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = bella.http().send(HttpRequest.newBuilder(bella.uri("/console/static/console.js"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(bytes("/console/static/../application.properties", null).statusCode()).isEqualTo(404);
        assertThat(bytes("/console/static/vendor/other.js", null).statusCode()).isEqualTo(404);
    }

    @Test
    void anApiKeyBecomesAnHttpOnlySessionThatTheApiAcceptsWithCsrfForWrites() throws Exception {
        HttpResponse<String> wrong = signIn("not-a-key-not-a-key-not-a-key-not-a-key");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

        int before = bootstrapSessions();
        HttpResponse<String> ok = signIn(ADMIN);
        assertThat(ok.statusCode()).isEqualTo(201);
        String setCookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(ConsoleSessions.COOKIE + "=").contains("HttpOnly", "SameSite=Strict", "Path=/",
                "Max-Age=28800").doesNotContain(ADMIN);
        String cookie = setCookie.split(";", 2)[0];
        JsonNode who = JSON.readTree(ok.body());
        assertThat(who.get("scope").asText()).isEqualTo("admin");
        assertThat(ok.body()).doesNotContain(ADMIN);
        String csrf = who.get("csrf").asText();
        assertThat(bootstrapSessions()).isEqualTo(before + 1); // stored server-side (hashed), so every instance agrees

        assertThat(send("GET", "/api/alerts", cookie, null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/console/operations", cookie, null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> noCsrf = send("POST", "/api/alerts/test", cookie, null, "{}");
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(noCsrf.body()).contains(ConsoleSessions.CSRF_HEADER);
        assertThat(send("POST", "/api/alerts/test", cookie, "wrong", "{}").statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/alerts/test", cookie, csrf, "{}").statusCode()).isEqualTo(202);

        HttpResponse<String> out = send("DELETE", "/console/session", cookie, csrf, null);
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().firstValue("Set-Cookie").orElse("")).contains("Max-Age=0");
        assertThat(send("GET", "/api/alerts", cookie, null, null).statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(send("GET", "/console/session", cookie, null, null).body()).get("signedIn").asBoolean()).isFalse();
    }

    @Test
    void aReadKeyHasAReadSessionThatCannotAct() throws Exception {
        String created = send("POST", "/api/keys", null, null, "{\"label\":\"viewer\",\"scope\":\"read\"}", ADMIN).body();
        String readKey = JSON.readTree(created).get("key").asText();
        HttpResponse<String> ok = signIn(readKey);
        assertThat(JSON.readTree(ok.body()).get("scope").asText()).isEqualTo("read");
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        String csrf = JSON.readTree(ok.body()).get("csrf").asText();
        assertThat(send("GET", "/api/console/system", cookie, null, null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/alerts/test", cookie, csrf, "{}").statusCode()).isEqualTo(403);
    }

    @Test
    void aTestCallGoesThroughTheSignedWebhooksAndIsMarkedAsATest() throws Exception {
        HttpResponse<String> ok = signIn(ADMIN);
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        String csrf = JSON.readTree(ok.body()).get("csrf").asText();
        JsonNode step = JSON.readTree(send("POST", "/api/console/test-call", cookie, csrf, "{}").body());
        String callSid = step.get("callSid").asText();
        assertThat(step.get("heard").toString()).containsIgnoringCase("name");
        for (String said : new String[] {"I'm Jane Doe", "tomorrow at 2 pm", "yes"}) {
            step = JSON.readTree(send("POST", "/api/console/test-call", cookie, csrf, JSON.writeValueAsString(Map.of(
                    "callSid", callSid, "action", step.get("action").asText(), "speech", said))).body());
        }
        assertThat(step.get("slots").get("name").asText()).isEqualTo("Jane Doe");
        assertThat(step.get("appointmentId").isNumber()).as(step.toString()).isTrue();
        try (Connection c = bella.jdbc(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT is_test FROM call_session WHERE call_sid = '" + callSid + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).isTrue();
        }
        JsonNode timeline = JSON.readTree(send("GET", "/api/console/calls/" + callSid, cookie, null, null).body());
        assertThat(timeline.get("turns").size()).isGreaterThanOrEqualTo(4);
        // an unsigned request carrying the marker is still refused: the marker is trusted only under a valid signature
        HttpResponse<String> forged = bella.http().send(HttpRequest.newBuilder(bella.uri("/twilio/voice"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("CallSid=CAforged&From=%2B15550100199&BellaTest=true")).build(),
                HttpResponse.BodyHandlers.ofString());
        try (Connection c = bella.jdbc(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM call_session WHERE call_sid = 'CAforged'")) {
            rs.next();
            assertThat(rs.getInt(1)).as(forged.body()).isZero();
        }
    }

    @Test
    void theCallCommandBooksThroughTheWebhooksAsATestCall() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.util.Properties config = new java.util.Properties();
        config.setProperty("bella.twilio.auth-token", "test-auth-token");
        int exit = app.bella.platform.Cli.run(new String[] {"call", "--base", bella.baseUrl(), "--from", "+14035550123",
                "I'm John Smith", "tomorrow at 3 pm", "yes"}, config, new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed + err).isZero();
        assertThat(printed).contains("caller: I'm John Smith").contains("bella:");
        try (Connection c = bella.jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT s.is_test, a.status FROM call_session s JOIN appointment a ON a.id = s.appointment_id "
                        + "WHERE s.from_phone = '+14035550123'")) {
            assertThat(rs.next()).as(printed).isTrue();
            assertThat(rs.getBoolean(1)).isTrue();
            assertThat(rs.getString(2)).isEqualTo("booked");
        }
        config.setProperty("bella.twilio.auth-token", "a-wrong-token");
        assertThat(app.bella.platform.Cli.run(new String[] {"call", "--base", bella.baseUrl(), "hello"}, config,
                new java.io.PrintStream(out), new java.io.PrintStream(err))).isEqualTo(1);
    }

    static int bootstrapSessions() throws Exception {
        try (Connection c = bella.jdbc(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM console_session WHERE principal = 'bootstrap'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static HttpResponse<String> signIn(String key) throws Exception {
        return bella.http().send(HttpRequest.newBuilder(bella.uri("/console/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("apiKey", key)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(String method, String path, String cookie, String csrf, String body) throws Exception {
        return send(method, path, cookie, csrf, body, null);
    }

    static HttpResponse<String> send(String method, String path, String cookie, String csrf, String body, String apiKey)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(bella.uri(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (csrf != null) {
            b.header(ConsoleSessions.CSRF_HEADER, csrf);
        }
        if (apiKey != null) {
            b.header("X-API-Key", apiKey);
        }
        return bella.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<byte[]> bytes(String path, String acceptEncoding) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(bella.uri(path));
        if (acceptEncoding != null) {
            b.header("Accept-Encoding", acceptEncoding);
        }
        return bella.http().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String gunzip(byte[] body) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
