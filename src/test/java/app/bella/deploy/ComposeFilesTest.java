package app.bella.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every compose file in the repository parses and keeps the deployment rules: images pinned, every variable it uses
 * defined in deploy/production.env.template, every file it mounts present, a health check and a restart policy on each
 * long-running service, Bella's management port never published, no default value for a secret.
 */
class ComposeFilesTest {

    /** A key given twice (compose refuses such a file; a lenient parser keeps the last) fails the parse. */
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    static final Path TEMPLATE = Path.of("deploy/production.env.template");
    static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?:(:?[-?])([^}]*))?}");
    static final Pattern SECRET = Pattern.compile("PASSWORD|TOKEN|_KEY$|SECRET|WEBHOOK_URL");
    static final String MANAGEMENT_PORT = "9876";

    static Stream<Path> composeFiles() throws Exception {
        List<Path> files = new ArrayList<>(List.of(Path.of("docker-compose.yml")));
        try (Stream<Path> deploy = Files.list(Path.of("deploy"))) {
            deploy.filter(p -> p.getFileName().toString().matches("docker-compose.*\\.ya?ml")).sorted().forEach(files::add);
        }
        assertThat(files).contains(Path.of("deploy/docker-compose.production.yml"));
        return files.stream();
    }

    /** Variables the template defines, set or commented out (optional with Bella's default). */
    static Map<String, String> template() throws Exception {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String line : Files.readAllLines(TEMPLATE)) {
            Matcher m = Pattern.compile("^#?\\s*([A-Z][A-Z0-9_]*)=(.*)$").matcher(line.strip());
            if (m.matches()) {
                vars.put(m.group(1), line.strip().startsWith("#") ? null : m.group(2));
            }
        }
        return vars;
    }

    @ParameterizedTest
    @MethodSource("composeFiles")
    void everyVariableIsDefinedInTheTemplateAndNoSecretHasADefault(Path file) throws Exception {
        String text = Files.readString(file);
        Map<String, String> template = template();
        Matcher m = VARIABLE.matcher(text);
        Set<String> used = new LinkedHashSet<>();
        while (m.find()) {
            String name = m.group(1);
            used.add(name);
            assertThat(template).as("%s uses ${%s}: define it in %s", file, name, TEMPLATE).containsKey(name);
            if (SECRET.matcher(name).find() && "-".equals(m.group(2) == null ? null : m.group(2).replace(":", ""))) {
                assertThat(m.group(3)).as("%s gives the secret %s a default", file, name).isEmpty();
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(text).as("unescaped $VAR in %s", file).doesNotContainPattern("(?<!\\$)\\$[A-Z_]{2,}");
    }

    @ParameterizedTest
    @MethodSource("composeFiles")
    void imagesArePinnedAndFilesExist(Path file) throws Exception {
        JsonNode compose = YAML.readTree(file.toFile());
        Path dir = file.toAbsolutePath().getParent();
        for (Iterator<Map.Entry<String, JsonNode>> it = compose.get("services").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> service = it.next();
            JsonNode s = service.getValue();
            String name = file + " service " + service.getKey();
            assertThat(s.has("image") || s.has("build")).as(name).isTrue();
            if (s.has("image")) {
                String raw = s.get("image").asText();
                if (raw.matches("\\$\\{[A-Z_]+:\\?[^}]*}")) {
                    // supplied by the operator: the compose file refuses to start without it and says it must be pinned
                    assertThat(raw).as(name).contains("pinned");
                } else {
                    String image = resolve(raw);
                    String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "";
                    assertThat(tag).as("%s: image %s must name a version", name, image).isNotBlank().isNotEqualTo("latest")
                            .matches(".*\\d.*");
                }
            }
            if (s.has("build")) {
                JsonNode build = s.get("build");
                Path context = dir.resolve(build.isTextual() ? build.asText() : build.path("context").asText("."));
                assertThat(context).as(name).isDirectory();
                Path dockerfile = context.resolve(build.isTextual() ? "Dockerfile" : build.path("dockerfile").asText("Dockerfile"));
                assertThat(dockerfile).as(name).isRegularFile();
                assertThat(Files.readString(dockerfile)).as("%s: base images pinned", dockerfile).doesNotContainPattern("FROM \\S+:latest|FROM [^:\\s]+\\s");
            }
            for (JsonNode volume : iterable(s.path("volumes"))) {
                String source = volume.isTextual() ? volume.asText().split(":")[0] : volume.path("source").asText();
                if (source.startsWith(".") || source.startsWith("/")) {
                    assertThat(dir.resolve(source)).as("%s mounts %s", name, source).exists();
                }
            }
            for (JsonNode envFile : iterable(s.path("env_file"))) {
                String path = envFile.isTextual() ? envFile.asText() : envFile.path("path").asText();
                // the operator's copy of the template; the template itself must exist
                assertThat(path).as(name).isEqualTo("production.env");
                assertThat(dir.resolve("production.env.template")).exists();
            }
            assertThat(s.path("restart").asText()).as("%s restart policy", name).isIn("unless-stopped", "always", "on-failure");
            assertThat(s.has("healthcheck")).as("%s health check", name).isTrue();
            assertThat(s.path("healthcheck").path("test").isMissingNode()).as(name).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("composeFiles")
    void bellasManagementPortIsNeverPublished(Path file) throws Exception {
        JsonNode compose = YAML.readTree(file.toFile());
        for (Iterator<Map.Entry<String, JsonNode>> it = compose.get("services").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> service = it.next();
            for (JsonNode port : iterable(service.getValue().path("ports"))) {
                String spec = port.isTextual() ? port.asText() : port.path("target").asText() + ":" + port.path("published").asText();
                assertThat(List.of(spec.split(":"))).as("%s %s publishes %s", file, service.getKey(), spec)
                        .doesNotContain(MANAGEMENT_PORT, "${BELLA_MANAGEMENT_PORT}", "${BELLA_MANAGEMENT_PORT:-9876}");
                assertThat(spec).doesNotContain("BELLA_MANAGEMENT_PORT");
            }
        }
        JsonNode production = YAML.readTree(Path.of("deploy/docker-compose.production.yml").toFile());
        assertThat(production.path("services").path("bella").has("ports")).as("production Bella is reached only through the proxy").isFalse();
    }

    @Test
    void theTemplateMarksRequiredValuesAndShipsNoSecret() throws Exception {
        Map<String, String> template = template();
        List<String> lines = Files.readAllLines(TEMPLATE);
        for (String required : List.of("BELLA_IMAGE", "BELLA_DB_PASSWORD", "TWILIO_AUTH_TOKEN", "BELLA_API_KEY", "HAWTIO_PASSWORD",
                "BELLA_MANAGEMENT_PASSWORD", "GRAFANA_ADMIN_PASSWORD", "BELLA_BACKUP_KEY", "BELLA_PUBLIC_URL", "POSTGRES_PASSWORD")) {
            int at = lines.indexOf(lines.stream().filter(l -> l.startsWith(required + "=")).findFirst().orElse("missing " + required));
            assertThat(at).as(required + " is set in the template").isGreaterThan(0);
            assertThat(lines.get(at - 1)).as(required + " is marked").contains("REQUIRED");
        }
        template.forEach((name, value) -> {
            if (SECRET.matcher(name).find()) {
                assertThat(value == null || value.isEmpty()).as("%s has a value in the template", name).isTrue();
            }
        });
        // every environment variable Bella reads is in the template
        Matcher m = Pattern.compile("\\{\\{env:([A-Z0-9_]+):").matcher(Files.readString(Path.of("src/main/resources/application.properties")));
        while (m.find()) {
            assertThat(template).as("%s (application.properties) is missing from the template", m.group(1)).containsKey(m.group(1));
        }
    }

    @Test
    void prometheusAndGrafanaProvisioningParse() throws Exception {
        JsonNode prometheus = YAML.readTree(Path.of("deploy/prometheus/prometheus.yml").toFile());
        JsonNode job = prometheus.get("scrape_configs").get(0);
        assertThat(job.get("metrics_path").asText()).isEqualTo("/observe/metrics");
        assertThat(job.get("static_configs").get(0).get("targets").get(0).asText()).isEqualTo("bella:" + MANAGEMENT_PORT);
        assertThat(job.has("basic_auth")).isTrue();
        JsonNode dashboards = YAML.readTree(Path.of("deploy/grafana/provisioning/dashboards/bella.yml").toFile());
        assertThat(dashboards.get("providers").get(0).get("options").get("path").asText()).isEqualTo("/var/lib/grafana/dashboards/bella");
        assertThat(YAML.readTree(Path.of("deploy/grafana/provisioning/datasources/prometheus.yml").toFile())
                .get("datasources").get(0).get("url").asText()).isEqualTo("http://prometheus:9090");
        assertThat(Files.readString(Path.of("deploy/Caddyfile"))).contains("reverse_proxy bella:8080").contains("@observe");
    }

    /** ${NAME:?message} / ${NAME:-default} → the template's value (or the default) for the image check. */
    static String resolve(String value) throws Exception {
        Map<String, String> template = template();
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = template.get(m.group(1));
            if (v == null || v.isEmpty()) {
                v = m.group(2) != null && m.group(2).endsWith("-") ? m.group(3) : "example.com/placeholder:0.0.0";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    static Iterable<JsonNode> iterable(JsonNode node) {
        return node == null || node.isMissingNode() ? List.of() : node::elements;
    }
}
