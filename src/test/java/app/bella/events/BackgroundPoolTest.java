package app.bella.events;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.BellaServer;
import app.bella.testing.TwilioCaller;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two pools: background work (the outbox relay, the readiness check) and the call path never take each other's
 * connections. Each test holds every connection of one pool through the bean Bella binds it under and shows that
 * the other side still works.
 */
class BackgroundPoolTest {

    private static final String TOKEN = "background-pool-test-token";
    private static final Map<String, String> TOPICS = OutboxAccess.uniqueTopics();
    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> props = new java.util.HashMap<>(TOPICS);
        props.put("bella.db.pool-size", "2");
        props.put("bella.db.background-pool-size", "2");
        props.put("bella.twilio.auth-token", TOKEN);
        props.put("bella.api.bootstrap-api-key", BellaServer.ADMIN_KEY);
        props.put("bella.readiness.timeout-ms", "500"); // a database answer older than 3 s counts as DOWN
        bella = BellaServer.start(props);
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
    }

    @Test
    void probesAnswerAndTheRelayPublishesWhileEveryCallPathConnectionIsTaken() throws Exception {
        // events written while the relay is stopped: they can reach Kafka only after every main connection is held
        bella.camel().getRouteController().stopRoute("outbox-relay");
        OutboxAccess outbox = new OutboxAccess(bella.camel());
        List<String> keys = List.of("CA-held-1", "CA-held-2");
        outbox.appendTurns(keys, 3, 2);
        assertThat(outbox.count("event_key LIKE 'CA-held-%' AND published_at IS NULL")).isEqualTo(6);

        List<Connection> held = holdEvery(pool("dataSource"), 2);
        try {
            bella.camel().getRouteController().startRoute("outbox-relay");
            long until = System.nanoTime() + Duration.ofSeconds(4).toNanos(); // longer than an answer stays fresh
            while (System.nanoTime() < until) {
                assertAnswersWithin("/healthz", 200, Duration.ofMillis(500));
                assertAnswersWithin("/readyz", 200, Duration.ofMillis(500));
                Thread.sleep(250);
            }
            List<ConsumerRecord<String, String>> records = TopicReader.readUntil(TOPICS.get("bella.events.topic.calls"),
                    read -> read.stream().filter(r -> r.key().startsWith("CA-held-")).count() >= 6, Duration.ofSeconds(15));
            assertThat(records).filteredOn(r -> r.key().startsWith("CA-held-"))
                    .as("published by the relay on the background pool").hasSizeGreaterThanOrEqualTo(6);
        } finally {
            release(held);
        }
    }

    @Test
    void aCallStartsPromptlyWhileEveryBackgroundConnectionIsTaken() throws Exception {
        List<Connection> held = holdEvery(pool("backgroundDataSource"), 2);
        try {
            TwilioCaller caller = new TwilioCaller(bella.baseUrl(), TOKEN, "+15875550177");
            long started = System.nanoTime();
            caller.dial();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(caller.last.status()).as(caller.last.body()).isEqualTo(200);
            assertThat(caller.last.contentType()).startsWith("text/xml");
            assertThat(caller.currentAction()).as("the greeting asks and the call goes on: " + caller.last.body()).isNotBlank();
            assertThat(took).as("call start with the background pool exhausted").isLessThan(Duration.ofSeconds(1));
            try (Connection c = bella.jdbc();
                 PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM call_session WHERE call_sid = ?")) {
                ps.setString(1, caller.callSid);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("the call's state is committed").isEqualTo(1);
                }
            }
            assertAnswersWithin("/healthz", 200, Duration.ofMillis(500));
        } finally {
            release(held);
        }
    }

    private static DataSource pool(String name) {
        DataSource pool = bella.camel().getRegistry().lookupByNameAndType(name, DataSource.class);
        assertThat(pool).as(name).isNotNull();
        return pool;
    }

    /** Borrows {@code size} connections and shows that the pool has none left. */
    private static List<Connection> holdEvery(DataSource pool, int size) throws Exception {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                held.add(pool.getConnection());
            }
            assertThat(pool).isInstanceOf(com.zaxxer.hikari.HikariDataSource.class);
            com.zaxxer.hikari.HikariPoolMXBean bean = ((com.zaxxer.hikari.HikariDataSource) pool).getHikariPoolMXBean();
            assertThat(bean.getIdleConnections()).as("every connection of the pool is held").isZero();
            assertThat(bean.getActiveConnections()).isEqualTo(size);
        } catch (Exception | Error e) {
            release(held);
            throw e;
        }
        return held;
    }

    private static void release(List<Connection> held) throws Exception {
        for (Connection c : held) {
            c.close();
        }
    }

    private static void assertAnswersWithin(String path, int status, Duration limit) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> r = bella.get(path);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
        assertThat(took).as(path + " answered in").isLessThan(limit);
    }
}
