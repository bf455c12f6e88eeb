package app.bella.platform;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.BellaServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every answer of the public port carries the security headers: routes' own, 401s, 404s, 413s, forged webhooks. */
class SecurityHeadersTest {

    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        bella = BellaServer.start(Map.of("bella.api.bootstrap-api-key", BellaServer.ADMIN_KEY, "bella.twilio.auth-token", "T",
                "camel.server.max-body-size", "1000"));
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
    }

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeaders() throws Exception {
        List<HttpResponse<String>> answers = List.of(
                bella.get("/healthz"),
                bella.get("/readyz"),
                bella.get("/no/such/page"),
                bella.get("/api/services"),
                bella.get("/api/services", BellaServer.ADMIN_KEY),
                bella.get("/api/appointments/999999", BellaServer.ADMIN_KEY),
                bella.send(HttpRequest.newBuilder(bella.uri("/api/customers")).header("X-API-Key", BellaServer.ADMIN_KEY)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("x".repeat(5000)))),
                bella.send(HttpRequest.newBuilder(bella.uri("/twilio/voice")).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("CallSid=CA1"))));
        assertThat(answers).extracting(HttpResponse::statusCode).contains(200, 401, 404, 413, 403);
        for (HttpResponse<String> r : answers) {
            String what = r.request().method() + " " + r.uri() + " → " + r.statusCode();
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(what)
                    .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'").contains("default-src"));
            if (r.uri().getPath().startsWith("/api/")) {
                assertThat(r.headers().firstValue("Cache-Control")).as(what).hasValue("no-store");
            }
        }
    }

    @Test
    void aRevalidatedPageKeepsThePolicyThatLetsItLoadItsScripts() throws Exception {
        HttpResponse<String> first = bella.get("/");
        assertThat(first.statusCode()).isEqualTo(200);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = bella.send(HttpRequest.newBuilder(bella.uri("/")).header("If-None-Match", etag).GET());
        assertThat(again.statusCode()).isEqualTo(304);
        // the browser merges a 304's headers into the stored page: its policy must still allow the page's own scripts
        assertThat(again.headers().allValues("Content-Security-Policy")).allSatisfy(csp ->
                assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(again.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }
}
