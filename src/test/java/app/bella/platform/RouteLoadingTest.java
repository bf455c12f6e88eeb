package app.bella.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.bella.testing.BellaServer;
import app.bella.testing.SharedInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteLoadingTest {

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
}
