package app.bella.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.bella.testing.BellaServer;
import app.bella.testing.SharedInfrastructure;
import app.bella.testing.TempDirectories;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Two application instances relaying one database at the same time (taking turns: one batch in flight at a time). */
class OutboxTwoRelaysTest {

    @Test
    void everyEventIsPublishedAndADeduplicatingConsumerSeesEachOnceInOrder() throws Exception {
        SharedInfrastructure infra = SharedInfrastructure.get();
        Map<String, String> topics = OutboxAccess.uniqueTopics();
        Properties props = new Properties();
        props.putAll(topics);
        props.setProperty("bella.db.url", infra.newDatabase());
        props.setProperty("bella.db.user", "postgres");
        props.setProperty("bella.kafka.bootstrap-servers", infra.kafkaBootstrapServers());
        props.setProperty("bella.data-dir", TempDirectories.deletedAtExit("bella-test-data").toString());
        props.setProperty("bella.outbox.poll-interval-ms", "20");
        props.setProperty("bella.outbox.batch-size", "50"); // small batches: the two relays take turns often

        List<String> keys = IntStream.range(0, 40).mapToObj(i -> "CA-two-" + i).toList();
        int perKey = 50;
        try (BellaServer one = BellaServer.start(props); BellaServer two = BellaServer.start(props)) {
            OutboxAccess outbox = new OutboxAccess(one.camel());
            // appended by both instances at once while both relays run
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> append(outbox, keys.subList(0, 20), perKey));
            CompletableFuture<Void> second = CompletableFuture.runAsync(
                    () -> append(new OutboxAccess(two.camel()), keys.subList(20, 40), perKey));
            first.join();
            second.join();
            await().atMost(Duration.ofSeconds(60)).until(() -> outbox.count("published_at IS NULL") == 0);

            OutboxRelay relayOne = one.camel().getRegistry().lookupByNameAndType("outboxRelay", OutboxRelay.class);
            OutboxRelay relayTwo = two.camel().getRegistry().lookupByNameAndType("outboxRelay", OutboxRelay.class);
            assertThat(relayOne.publishedCount() + relayTwo.publishedCount()).isGreaterThanOrEqualTo(keys.size() * perKey);
            assertThat(relayOne).isNotSameAs(relayTwo);

            List<ConsumerRecord<String, String>> records = TopicReader.readAll(topics.get("bella.events.topic.calls"),
                    keys.size() * perKey, Duration.ofSeconds(30));
            Set<String> ids = new HashSet<>();
            for (ConsumerRecord<String, String> record : records) {
                JsonNode message = OutboxAccess.parse(record);
                ids.add(message.get("id").asText());
            }
            assertThat(ids).as("every event at least once").hasSize(keys.size() * perKey);
            // the test's own rows (Bella adds its own events meanwhile, e.g. the business-metric snapshot)
            assertThat(outbox.count("event_key LIKE 'CA-two-%'")).as("one row per event appended").isEqualTo(keys.size() * perKey);

            List<Integer> expected = IntStream.rangeClosed(1, perKey).boxed().toList();
            Map<String, List<Integer>> turns = OutboxAccess.turnsByKeyDeduplicated(records);
            assertThat(turns).hasSize(keys.size());
            turns.forEach((key, seen) -> assertThat(seen).as("each once, in order: " + key).isEqualTo(expected));
        }
    }

    private static void append(OutboxAccess outbox, List<String> keys, int perKey) {
        try {
            outbox.appendTurns(keys, perKey, 10);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
