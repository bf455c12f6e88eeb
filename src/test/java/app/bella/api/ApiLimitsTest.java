package app.bella.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.ApiClient;
import app.bella.testing.ApiClient.Reply;
import app.bella.testing.BellaServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API's zero-configuration (open) mode and the per-key rate limit, each on an instance of its own. */
class ApiLimitsTest {

    @Test
    void withoutAnyKeyTheApiIsOpenUntilTheFirstKeyIsCreated() throws Exception {
        try (BellaServer bella = BellaServer.start(Map.of("bella.api.bootstrap-api-key", ""))) {
            ApiClient anonymous = new ApiClient(bella, null);
            assertThat(anonymous.get("/api/services").status()).isEqualTo(200);
            Reply created = anonymous.post("/api/keys", Map.of("label", "first", "scope", "admin"));
            assertThat(created.status()).isEqualTo(201);
            assertThat(anonymous.get("/api/services").status()).as("closed once a key exists").isEqualTo(401);
            String key = created.json().get("key").asText();
            ApiClient admin = anonymous.withKey(key);
            assertThat(admin.get("/api/services").status()).isEqualTo(200);
            assertThat(admin.delete("/api/keys/" + created.json().get("id").asLong()).status()).isEqualTo(204);
            assertThat(anonymous.get("/api/services").status()).as("revoking the last key does not reopen").isEqualTo(401);
        }
    }

    @Test
    void aKeyOverItsHourlyBudgetGets429WithRetryAfterAndOtherKeysAreUnaffected() throws Exception {
        try (BellaServer bella = BellaServer.start(Map.of("bella.api.bootstrap-api-key", "admin-key", "bella.api.rate-limit-per-hour", "3"))) {
            ApiClient admin = new ApiClient(bella, "admin-key");
            String other = admin.post("/api/keys", Map.of("label", "other", "scope", "read")).json().get("key").asText(); // 1
            assertThat(admin.get("/api/services").status()).isEqualTo(200); // 2
            assertThat(admin.get("/api/providers").status()).isEqualTo(200); // 3
            Reply limited = admin.get("/api/services");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
            assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 3600);
            assertThat(admin.withKey(other).get("/api/services").status()).isEqualTo(200);
            assertThat(admin.withKey("unknown").get("/api/services").status()).as("an unknown key is 401, never counted")
                    .isEqualTo(401);
        }
    }
}
