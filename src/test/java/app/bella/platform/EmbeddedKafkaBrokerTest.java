package app.bella.platform;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.Test;

/** What happens to Bella's JVM when the embedded broker gives up (its log directory failed: the disk is full). */
class EmbeddedKafkaBrokerTest {

    @Test
    void aBrokerThatGivesUpEndsItsOwnThreadNotTheJvm() {
        EmbeddedKafkaBroker.keepTheJvmWhenKafkaGivesUp();
        // what Kafka's LogManager calls when all log directories failed; without the procedure this ends the test JVM
        assertThatThrownBy(() -> Exit.halt(1, "all log dirs failed")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("embedded Kafka gave up");
        assertThatThrownBy(() -> Exit.exit(1)).isInstanceOf(IllegalStateException.class);
    }
}
