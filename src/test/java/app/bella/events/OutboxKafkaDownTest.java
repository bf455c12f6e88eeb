package app.bella.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.bella.platform.BellaApplication;
import app.bella.testing.BellaServer;
import app.bella.testing.SharedInfrastructure;
import app.bella.testing.TempDirectories;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Kafka unreachable: the outbox keeps every event, counts the attempts, and drains in order once Kafka is back. */
class OutboxKafkaDownTest {

    @Test
    void eventsWaitWhileKafkaIsUnreachableAndDrainInOrderOnceItIsBack() throws Exception {
        SharedInfrastructure infra = SharedInfrastructure.get();
        Map<String, String> topics = OutboxAccess.uniqueTopics();
        Properties props = new Properties();
        props.putAll(topics);
        props.setProperty("bella.db.url", infra.newDatabase());
        props.setProperty("bella.db.user", "postgres");
        props.setProperty("bella.data-dir", TempDirectories.deletedAtExit("bella-test-data").toString());
        props.setProperty("bella.outbox.max-block-ms", "300");
        props.setProperty("bella.outbox.request-timeout-ms", "300");
        props.setProperty("bella.outbox.delivery-timeout-ms", "600");
        props.setProperty("bella.readiness.timeout-ms", "300");

        // Kafka "down": nothing listens on this port. Not via BellaServer: it would wait for a ready /readyz.
        Properties down = new Properties();
        down.putAll(props);
        int[] ports = BellaServer.freePorts(3); // 9876, the default management port, may be taken on this machine
        down.setProperty("bella.kafka.bootstrap-servers", "127.0.0.1:" + ports[0]);
        down.setProperty("camel.server.port", String.valueOf(ports[1]));
        down.setProperty("bella.management.port", String.valueOf(ports[2]));
        BellaApplication app = new BellaApplication(down);
        List<String> keys = List.of("CA-down-1", "CA-down-2", "CA-down-3");
        int perKey = 40;
        try {
            app.start();
            OutboxAccess outbox = new OutboxAccess(app.camelContext());
            outbox.appendTurns(keys, perKey, 7);
            // the relay tried (and failed) more than once: the head row counts the attempts and keeps the reason
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> outbox.count("attempts >= 2 AND last_error IS NOT NULL") > 0);
            assertThat(outbox.count("published_at IS NOT NULL")).as("nothing published while Kafka is down").isZero();
            assertThat(outbox.count("event_key LIKE 'CA-down-%'")).isEqualTo(keys.size() * perKey); // Bella's own events aside
        } finally {
            app.stop();
        }

        // Kafka "back": the same database, now with the real broker
        props.setProperty("bella.kafka.bootstrap-servers", infra.kafkaBootstrapServers());
        try (BellaServer bella = BellaServer.start(props)) {
            OutboxAccess outbox = new OutboxAccess(bella.camel());
            await().atMost(Duration.ofSeconds(30)).until(() -> outbox.count("published_at IS NULL") == 0);

            List<ConsumerRecord<String, String>> records = TopicReader.readAll(topics.get("bella.events.topic.calls"),
                    keys.size() * perKey, Duration.ofSeconds(30));
            assertThat(records).hasSize(keys.size() * perKey);
            List<Integer> expected = IntStream.rangeClosed(1, perKey).boxed().toList();
            Map<String, List<Integer>> turns = OutboxAccess.turnsByKeyDeduplicated(records);
            assertThat(turns).containsOnlyKeys(keys);
            turns.forEach((key, seen) -> assertThat(seen).as("order of " + key).isEqualTo(expected));
        }
    }
}
