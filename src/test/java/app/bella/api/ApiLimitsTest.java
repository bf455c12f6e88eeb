package app.bella.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.bella.testing.ApiClient;
import app.bella.testing.ApiClient.Reply;
import app.bella.testing.BellaServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * An empty install (no BELLA_API_KEY, no key stored) is closed: the first start prints one admin key to the console
 * and stores only its hash. Failed authentications per address and requests per key are rate-limited. Each case on
 * an instance of its own.
 */
class ApiLimitsTest {

    @Test
    void anEmptyInstallAnswers401AndPrintsOneAdminKeyOnceAtFirstStart() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream original = System.out;
        BellaServer bella;
        System.setOut(new PrintStream(new TeeStream(original, console), true, StandardCharsets.UTF_8));
        try {
            bella = BellaServer.start(Map.of("bella.api.bootstrap-api-key", "", "bella.api.auth-failures-per-minute", "5"));
        } finally {
            System.setOut(original);
        }
        try (bella) {
            Matcher printed = Pattern.compile("^ {5}([A-Za-z0-9_-]{64})$", Pattern.MULTILINE)
                    .matcher(console.toString(StandardCharsets.UTF_8));
            assertThat(printed.find()).as("the first admin key on the console").isTrue();
            String key = printed.group(1);
            assertThat(printed.find()).as("printed once").isFalse();

            ApiClient anonymous = new ApiClient(bella, null);
            Reply refused = anonymous.get("/api/services");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().get("field").asText()).isEqualTo("X-API-Key");
            assertThat(refused.json().get("detail").asText()).contains("keys create").contains("console");
            assertThat(anonymous.post("/api/keys", Map.of("label", "stranger", "scope", "admin")).status())
                    .as("a stranger cannot create the first key").isEqualTo(401);

            ApiClient admin = anonymous.withKey(key);
            assertThat(admin.get("/api/services").status()).isEqualTo(200);
            try (Connection c = bella.jdbc(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*), bool_and(key_hash = sha256(convert_to('" + key
                         + "', 'UTF8'))) FROM api_key")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getBoolean(2)).as("only the hash is stored").isTrue();
            }

            // requests without credentials (a page not signed in, a probe) are not guesses: never counted
            for (int i = 0; i < 8; i++) {
                assertThat(anonymous.get("/api/services").status()).isEqualTo(401);
            }
            assertThat(admin.get("/api/services").status()).isEqualTo(200);

            // a stranger guessing: 4 wrong keys and a made-up session cookie are 5 failures, then 429 without another
            // lookup, whatever key it sends
            for (int i = 0; i < 4; i++) {
                assertThat(anonymous.withKey("guess-" + i).get("/api/services").status()).isEqualTo(401);
            }
            assertThat(anonymous.send("GET", "/api/services", null, Map.of("Cookie", "bella_session=made-up-token")).status())
                    .isEqualTo(401);
            Reply limited = admin.get("/api/services");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
            assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
        }
    }

    @Test
    void aBootstrapKeyShorterThan32CharactersIsRefusedAtStart() {
        assertThatThrownBy(() -> BellaServer.start(Map.of("bella.api.bootstrap-api-key", "short-admin-key")).close())
                .hasStackTraceContaining("BELLA_API_KEY is shorter than 32 characters");
    }

    @Test
    void aKeyOverItsHourlyBudgetGets429WithRetryAfterAndOtherKeysAreUnaffected() throws Exception {
        try (BellaServer bella = BellaServer.start(Map.of("bella.api.bootstrap-api-key", BellaServer.ADMIN_KEY,
                "bella.api.rate-limit-per-hour", "3"))) {
            ApiClient admin = new ApiClient(bella, BellaServer.ADMIN_KEY);
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

    /** Copies what Bella prints to the real console and keeps it for the test. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
