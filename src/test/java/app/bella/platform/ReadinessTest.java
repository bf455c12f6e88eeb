package app.bella.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.bella.testing.BellaServer;
import app.bella.testing.SharedInfrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        bella = BellaServer.start(java.util.Map.of("bella.readiness.timeout-ms", "1000"));
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
    }

    @Test
    void reportsTheDatabaseDownWhileItRefusesConnectionsAndRecovers() throws Exception {
        SharedInfrastructure infra = SharedInfrastructure.get();
        String db = bella.databaseName();
        // make the application's database unreachable: refuse new connections and cut the pooled ones
        infra.execute("postgres", "ALTER DATABASE " + db + " ALLOW_CONNECTIONS false");
        infra.execute("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db + "'");
        try {
            // the background check (about once a second) notices: an answer it cannot give counts as DOWN after a few seconds
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                HttpResponse<String> down = bella.get("/readyz");
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(down.body()).startsWith("{\"status\":\"DOWN\"")
                        .contains("\"database\":\"DOWN: ")
                        .contains("\"kafka\":\"UP\"")
                        .contains("\"routes\":\"UP\"");
            });
            assertThat(bella.get("/healthz").statusCode()).as("liveness ignores dependencies").isEqualTo(200);
        } finally {
            infra.execute("postgres", "ALTER DATABASE " + db + " ALLOW_CONNECTIONS true");
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(bella.get("/readyz").statusCode()).isEqualTo(200));
    }

    @Test
    void staysReadyWhileKafkaIsUnreachableAndSaysSo() throws Exception {
        // nothing listens on this port: the outbox keeps the events, calls still book, so the instance stays in service
        try (BellaServer noKafka = BellaServer.start(java.util.Map.of("bella.kafka.bootstrap-servers",
                "127.0.0.1:" + BellaServer.freePort(), "bella.readiness.timeout-ms", "500"))) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                HttpResponse<String> ready = noKafka.get("/readyz");
                assertThat(ready.statusCode()).isEqualTo(200);
                assertThat(ready.body()).startsWith("{\"status\":\"UP\"").contains("\"kafka\":\"DOWN: ")
                        .contains("\"database\":\"UP\"");
            });
            long started = System.nanoTime();
            noKafka.get("/readyz");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a probe never waits on Kafka")
                    .isLessThan(Duration.ofMillis(400));
        }
    }
}
