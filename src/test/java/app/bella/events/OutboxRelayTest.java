package app.bella.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.bella.testing.BellaServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The running application's outbox relay against the real Kafka broker and PostgreSQL. */
class OutboxRelayTest {

    static Map<String, String> topics = OutboxAccess.uniqueTopics();
    static BellaServer bella;
    static OutboxAccess outbox;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> props = new HashMap<>(topics);
        props.put("bella.outbox.prune-interval-ms", "300");
        bella = BellaServer.start(props);
        outbox = new OutboxAccess(bella.camel());
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
    }

    @Test
    void eventsOfOneKeyArriveExactlyOnceAndInOrder() throws Exception {
        List<String> keys = List.of("CA-order-1", "CA-order-2", "CA-order-3", "CA-order-4", "CA-order-5");
        int perKey = 300; // 1,500 events: more than one batch of 500
        outbox.appendTurns(keys, perKey, 40);

        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.count("event_key LIKE 'CA-order-%' AND published_at IS NULL") == 0);
        // other tests of this class publish to the same topic: only this test's keys count
        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(topics.get("bella.events.topic.calls"),
                read -> read.stream().filter(r -> keys.contains(r.key())).count() >= keys.size() * perKey,
                Duration.ofSeconds(30)).stream().filter(r -> keys.contains(r.key())).toList();

        assertThat(records).as("exactly once: no event lost, none duplicated").hasSize(keys.size() * perKey);
        List<Integer> expected = IntStream.rangeClosed(1, perKey).boxed().toList();
        Map<String, List<Integer>> turns = OutboxAccess.turnsByKeyDeduplicated(records);
        assertThat(turns.keySet()).containsExactlyInAnyOrderElementsOf(keys);
        turns.forEach((key, seen) -> assertThat(seen).as("order of " + key).isEqualTo(expected));

        ConsumerRecord<String, String> first = records.get(0);
        JsonNode message = OutboxAccess.parse(first);
        assertThat(message.get("key").asText()).isEqualTo(first.key());
        assertThat(message.get("type").asText()).isEqualTo("call.turn");
        assertThat(new String(first.headers().lastHeader("bella-event-id").value(), StandardCharsets.UTF_8))
                .isEqualTo(message.get("id").asText());
        assertThat(new String(first.headers().lastHeader("bella-event-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("call.turn");
    }

    @Test
    void aRecordKafkaRefusesHoldsBackOnlyTheLaterEventsOfItsKey() throws Exception {
        String calls = topics.get("bella.events.topic.calls");
        bella.camel().getRouteController().stopRoute("outbox-relay");
        try {
            outbox.appendTurns(List.of("CA-refused", "CA-fine"), 3, 100);
            // the second event of CA-refused names a topic Kafka rejects (a per-record refusal, not an outage)
            outbox.execute("UPDATE outbox_event SET topic = 'no such topic!' "
                    + "WHERE event_key = 'CA-refused' AND payload->'payload'->>'turn' = '2'");
        } finally {
            bella.camel().getRouteController().startRoute("outbox-relay");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.count("event_key = 'CA-refused' AND attempts >= 2") == 1);
        assertThat(outbox.count("event_key = 'CA-fine' AND published_at IS NULL")).as("other keys go on").isZero();
        assertThat(outbox.count("event_key = 'CA-refused' AND published_at IS NOT NULL")).as("only turn 1").isEqualTo(1);
        assertThat(outbox.count("event_key = 'CA-refused' AND last_error LIKE '%InvalidTopic%'")).isEqualTo(1);

        outbox.execute("UPDATE outbox_event SET topic = '" + calls + "' WHERE event_key = 'CA-refused'"); // fixed
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.count("event_key = 'CA-refused' AND published_at IS NULL") == 0);
        Map<String, List<Integer>> turns = OutboxAccess.turnsByKeyDeduplicated(TopicReader.readUntil(calls,
                records -> records.stream().filter(r -> r.key().startsWith("CA-refused")).count() >= 3, Duration.ofSeconds(20)));
        assertThat(turns.get("CA-refused")).isEqualTo(List.of(1, 2, 3));
        assertThat(turns.get("CA-fine")).isEqualTo(List.of(1, 2, 3));
    }

    @Test
    void backlogAndOldestAgeGaugesAreOnTheMetricsEndpoint() throws Exception {
        bella.camel().getRouteController().stopRoute("outbox-relay");
        try {
            outbox.appendTurns(List.of("CA-gauge"), 3, 3);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                String metrics = bella.observe("/observe/metrics").body();
                assertThat(metric(metrics, "bella_outbox_backlog")).isEqualTo(outbox.count("published_at IS NULL"))
                        .isGreaterThanOrEqualTo(3);
                assertThat(metric(metrics, "bella_outbox_oldest_age_seconds")).isGreaterThan(0);
            });
        } finally {
            bella.camel().getRouteController().startRoute("outbox-relay");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = bella.observe("/observe/metrics").body();
            assertThat(metric(metrics, "bella_outbox_backlog")).isZero();
            assertThat(metric(metrics, "bella_outbox_oldest_age_seconds")).isZero();
            assertThat(metric(metrics, "bella_outbox_published_total")).isGreaterThanOrEqualTo(3);
        });
    }

    @Test
    void prunesPublishedEventsOlderThanTheRetentionOnly() throws Exception {
        String insert = "INSERT INTO outbox_event (event_id, type, topic, event_key, payload, occurred_at, published_at) "
                + "VALUES (gen_random_uuid(), 'call.turn', 'x', '%s', '{}', now() - interval '%d hours', %s)";
        outbox.execute(insert.formatted("prune-old", 80, "now() - interval '73 hours'"));
        outbox.execute(insert.formatted("prune-recent", 80, "now() - interval '71 hours'"));
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.count("event_key = 'prune-old'") == 0);
        assertThat(outbox.count("event_key = 'prune-recent'")).isEqualTo(1);
    }

    private static double metric(String prometheusText, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$").matcher(prometheusText);
        assertThat(m.find()).as(name + " on /observe/metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
