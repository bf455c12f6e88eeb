package app.bella.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.bella.testing.ApiClient;
import app.bella.testing.BellaServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The management port bound beyond loopback: refused without credentials, basic authentication with them. */
class ManagementAuthenticationTest {

    static final String KEY = "test-admin-key-0123456789abcdef0123456789";

    @Test
    void aWideBindWithoutCredentialsRefusesToStart() {
        assertThatThrownBy(() -> BellaServer.start(Map.of("bella.api.bootstrap-api-key", KEY,
                "bella.management.host", "0.0.0.0")).close())
                .hasStackTraceContaining("BELLA_MANAGEMENT_HOST=0.0.0.0")
                .hasStackTraceContaining("BELLA_MANAGEMENT_USER");
    }

    @Test
    void aWideBindNeedsBasicAuthenticationAndJolokiaStillRefusesRequestStringBody() throws Exception {
        String password = "mgmt-password-0123456789";
        try (BellaServer bella = BellaServer.start(Map.of("bella.api.bootstrap-api-key", KEY,
                "bella.management.host", "0.0.0.0", "bella.management.user", "ops", "bella.management.password", password))) {
            String auth = "Basic " + Base64.getEncoder().encodeToString(("ops:" + password).getBytes(StandardCharsets.UTF_8));
            String wrong = "Basic " + Base64.getEncoder().encodeToString("ops:guess".getBytes(StandardCharsets.UTF_8));
            URI metrics = URI.create(bella.managementUrl() + "/observe/metrics");
            assertThat(bella.send(HttpRequest.newBuilder(metrics).GET()).statusCode()).isEqualTo(401);
            assertThat(bella.send(HttpRequest.newBuilder(metrics).header("Authorization", wrong).GET()).statusCode()).isEqualTo(401);
            HttpResponse<String> scraped = bella.send(HttpRequest.newBuilder(metrics).header("Authorization", auth).GET());
            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(scraped.body()).contains("camel_exchanges_total");

            URI jolokia = URI.create(bella.managementUrl() + "/observe/jolokia");
            HttpRequest.Builder attack = HttpRequest.newBuilder(jolokia).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(ManagementPlaneTest.SQL_ATTACK));
            HttpResponse<String> anonymous = bella.send(attack);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).doesNotContain("\"value\"");
            HttpResponse<String> authenticated = bella.send(attack.header("Authorization", auth));
            assertThat(ApiClient.JSON.readTree(authenticated.body()).path("status").asInt()).isEqualTo(403);

            Path users = Path.of(bella.camel().getPropertiesComponent().resolveProperty("bella.data-dir").orElseThrow())
                    .resolve("management-users.properties");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(users))).isEqualTo("rw-------");
        }
    }
}
