package app.bella.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every property in application.properties is documented in docs/configuration.md. */
class ConfigurationDocumentedTest {

    @Test
    void everyPropertyIsDocumented() throws Exception {
        Properties props = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            props.load(in);
        }
        String docs = Files.readString(Path.of("docs/configuration.md"));
        assertThat(props.stringPropertyNames())
                .isNotEmpty()
                .allSatisfy(key -> assertThat(docs).as("docs/configuration.md documents %s", key).contains("`" + key + "`"));
    }
}
