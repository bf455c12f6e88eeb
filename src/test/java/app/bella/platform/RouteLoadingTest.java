package app.bella.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.bella.testing.BellaServer;
import app.bella.testing.SharedInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.builder.RouteBuilder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteLoadingTest {

    @Test
    void kameletFromTheTopLevelFolderPublishesToKafka() throws Exception {
        String topic = "test.kamelet." + UUID.randomUUID();
        try (BellaServer bella = BellaServer.start()) {
            bella.camel().addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:publish").routeId("test-publish").to("kamelet:bella-event-sink?topic=" + topic);
                }
            });
            bella.camel().createProducerTemplate().sendBodyAndHeader("direct:publish", "{\"type\":\"test\"}", "kafka.KEY", "call-1");

            try (KafkaConsumer<String, String> consumer = consumer()) {
                consumer.subscribe(List.of(topic));
                ConsumerRecord<String, String> record = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (record == null && System.nanoTime() < deadline) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                    record = records.isEmpty() ? null : records.iterator().next();
                }
                assertThat(record).as("record published through the kamelet").isNotNull();
                assertThat(record.key()).isEqualTo("call-1");
                assertThat(record.value()).isEqualTo("{\"type\":\"test\"}");
            }
            assertThat(bella.camel().getRoutes()).anySatisfy(r -> assertThat(r.getSourceLocation()).contains("bella-event-sink.kamelet.yaml"));
        }
    }

    @Test
    void invalidRouteFileFailsTheStartNamingTheFile(@TempDir Path routes) throws Exception {
        Files.writeString(routes.resolve("broken-route.camel.yaml"), """
                - route:
                    id: broken
                    from:
                      uri: timer:x
                      steps:
                        - notAnEip:
                            foo: bar
                """);
        SharedInfrastructure infra = SharedInfrastructure.get();
        Properties p = new Properties();
        p.putAll(Map.of(
                "bella.db.url", infra.newDatabase(),
                "bella.kafka.bootstrap-servers", infra.kafkaBootstrapServers(),
                "bella.data-dir", routes.resolve("data").toString(),
                "bella.routes.dir", routes.toString()));
        long started = System.nanoTime();
        assertThatThrownBy(() -> BellaServer.start(p).close())
                .satisfies(e -> assertThat(chainMessages(e)).contains("broken-route.camel.yaml"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("fails fast").isLessThan(Duration.ofSeconds(30));
    }

    private static String chainMessages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafkaBootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }
}
