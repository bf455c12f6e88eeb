package app.bella.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.ApiClient;
import app.bella.testing.ApiClient.Reply;
import app.bella.testing.BellaServer;
import app.bella.testing.SharedInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may do what on the API: the scope is the route's, whatever the spelling of the path; no key is kept in clear. */
class ApiAccessTest {

    static BellaServer bella;
    static ApiClient admin;
    static ApiClient writer;

    @BeforeAll
    static void start() throws Exception {
        bella = BellaServer.start(Map.of("bella.api.bootstrap-api-key", BellaServer.ADMIN_KEY));
        admin = new ApiClient(bella, BellaServer.ADMIN_KEY);
        writer = admin.withKey(admin.post("/api/keys", Map.of("label", "writer", "scope", "write")).json().get("key").asText());
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
    }

    @Test
    void aWriteKeyCannotMintKeysThroughAnotherSpellingOfThePath() throws Exception {
        int before = keyCount();
        for (String path : List.of("/api/keys", "//api/keys", "/api/%6beys", "/api//keys", "/api/./keys", "/api/x/../keys")) {
            Reply r = writer.post(path, Map.of("label", "minted", "scope", "admin"));
            assertThat(r.status()).as("POST " + path).isIn(403, 404);
            assertThat(r.raw().body()).as("POST " + path).doesNotContain("\"key\"");
        }
        assertThat(writer.get("/api/%6beys").status()).isIn(403, 404);
        assertThat(keyCount()).as("no key was created").isEqualTo(before);
        assertThat(writer.get("/api/services").status()).as("the write key still works where it may").isEqualTo(200);
    }

    @Test
    void anIdempotentKeyCreationNeverStoresTheKeyAndItsReplayDoesNotShowIt() throws Exception {
        Map<String, String> idem = Map.of("Idempotency-Key", "create-ops-key");
        Reply first = admin.post("/api/keys", Map.of("label", "ops", "scope", "read"), idem);
        assertThat(first.status()).isEqualTo(201);
        String key = first.json().get("key").asText();
        assertThat(key).hasSize(64);
        Reply replay = admin.post("/api/keys", Map.of("label", "ops", "scope", "read"), idem);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
        assertThat(replay.json().get("key").isNull()).isTrue();
        assertThat(replay.raw().body()).doesNotContain(key);
        try (Connection c = bella.jdbc(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM api_idempotency WHERE response LIKE '%" + key + "%'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void onlyOneOfSeveralInstancesStartingOnAnEmptyDatabaseCreatesTheFirstAdminKey() throws Exception {
        String url = SharedInfrastructure.get().newDatabase();
        org.flywaydb.core.Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").load().migrate();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Optional<ApiKeys.Created>>> starts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                starts.add(() -> {
                    try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
                        return new ApiKeys().createFirstAdmin(c);
                    }
                });
            }
            long created = 0;
            for (Future<Optional<ApiKeys.Created>> f : pool.invokeAll(starts)) {
                created += f.get().isPresent() ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
    }

    /** The scope is declared by each API route's first step; a route without one would be open. */
    @Test
    void everyApiRouteDeclaresTheScopeItNeedsAsItsFirstStep() throws Exception {
        Pattern route = Pattern.compile("- route:\\n(?:.*\\n)*?\\s+uri: direct:(api-[a-z-]+)\\n\\s+steps:\\n\\s+- bean:\\n"
                + "(?:\\s+id: .*\\n)?\\s+ref: (\\w+)\\n\\s+method: (\\w+)");
        int checked = 0;
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("api-")).toList()) {
                String yaml = Files.readString(f);
                int directs = yaml.split("uri: direct:api-", -1).length - 1;
                Matcher m = route.matcher(yaml);
                int found = 0;
                while (m.find()) {
                    assertThat(m.group(2) + "." + m.group(3)).as(f + " " + m.group(1))
                            .matches("apiSupport\\.require(Read|Write|Admin)");
                    found++;
                }
                assertThat(found).as(f + ": every direct:api-* route starts with apiSupport.require*").isEqualTo(directs);
                checked += found;
            }
        }
        assertThat(checked).isGreaterThan(30);
    }

    private static int keyCount() throws Exception {
        try (Connection c = bella.jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM api_key")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
