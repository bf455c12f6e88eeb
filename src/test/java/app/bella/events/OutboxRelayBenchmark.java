package app.bella.events;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.BellaServer;
import app.bella.testing.SharedInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Relay throughput: 50,000 events appended while the relay is stopped, then timed from the relay's start until the
 * last row is marked published (every one acknowledged by the embedded broker). Not part of the default test run;
 * how to run it and the figures measured: docs/benchmarks.md.
 */
@Tag("benchmark")
class OutboxRelayBenchmark {

    static final int EVENTS = 50_000;

    @Test
    void relayThroughput() throws Exception {
        Map<String, String> topics = OutboxAccess.uniqueTopics();
        Map<String, String> props = new HashMap<>(topics);
        try (BellaServer bella = BellaServer.start(props)) {
            bella.camel().getRouteController().stopRoute("outbox-relay");
            OutboxAccess outbox = new OutboxAccess(bella.camel());
            // 1,000 calls with 50 turns each: realistic keys (call SIDs), a payload of a few hundred bytes
            List<String> keys = IntStream.range(0, 1_000).mapToObj(i -> "CA" + UUID.randomUUID().toString().replace("-", "")).toList();
            long appendStart = System.nanoTime();
            outbox.appendTurns(keys, EVENTS / keys.size(), 1_000);
            double appendSeconds = (System.nanoTime() - appendStart) / 1e9;
            // Bella's own events (a metric snapshot, an alert) may wait beside them
            assertThat(outbox.count("published_at IS NULL")).isGreaterThanOrEqualTo(EVENTS);

            long start = System.nanoTime();
            bella.camel().getRouteController().startRoute("outbox-relay");
            while (outbox.count("published_at IS NULL") > 0) {
                Thread.sleep(20);
                assertThat(System.nanoTime() - start).as("relay finished in time").isLessThan(Duration.ofMinutes(5).toNanos());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long onKafka = recordsOn(topics.get("bella.events.topic.calls"));
            assertThat(onKafka).as("every event is on Kafka").isGreaterThanOrEqualTo(EVENTS);

            String report = String.format("outbox relay: %,d events in %.2f s = %,.0f events/s (append: %,.0f events/s; "
                    + "batch %s, %d cores)%n", EVENTS, seconds, EVENTS / seconds, EVENTS / appendSeconds,
                    bella.camel().resolvePropertyPlaceholders("{{bella.outbox.batch-size}}"),
                    Runtime.getRuntime().availableProcessors());
            System.out.print(report);
            Path out = Path.of("target", "benchmarks", "outbox-relay.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
        }
    }

    private static long recordsOn(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafkaBootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
