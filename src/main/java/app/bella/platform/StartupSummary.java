package app.bella.platform;

import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.CamelContext;

/**
 * The few lines Bella logs once it is up, instead of Camel's and Kafka's configuration dumps: where it listens, which
 * database and Kafka it uses (embedded or a server), and which outside services are configured and which are not.
 */
final class StartupSummary {

    private StartupSummary() {
    }

    static String of(CamelContext camel, Infrastructure infrastructure, long startedMillis) {
        Function<String, String> p = name -> Optional.ofNullable(camel.getPropertiesComponent().resolveProperty(name).orElse(null))
                .map(String::strip).orElse("");
        StringBuilder s = new StringBuilder("Bella started in ").append(startedMillis).append(" ms");
        String port = p.apply("camel.server.port");
        String mgmtPort = p.apply("camel.management.port");
        line(s, "HTTP", "http://" + p.apply("camel.server.host") + ":" + port + " (Twilio webhooks, /api, /healthz, /readyz)");
        line(s, "Management", "/observe/* (health, metrics" + (p.apply("camel.management.jolokia-enabled").equals("true") ? ", Jolokia" : "")
                + ") on " + (mgmtPort.equals(port) ? "the same port" : p.apply("camel.management.host") + ":" + mgmtPort));
        if (infrastructure != null) {
            line(s, "Database", infrastructure.embeddedDatabase()
                    ? "embedded PostgreSQL, data in " + java.nio.file.Path.of(p.apply("bella.data-dir")).toAbsolutePath().resolve("postgres")
                    : "PostgreSQL server " + Infrastructure.redactUrl(p.apply("bella.db.url")));
            line(s, "Kafka", (infrastructure.embeddedKafka() ? "embedded broker at " : "bootstrap servers ") + infrastructure.kafkaBootstrapServers()
                    + (infrastructure.kafkaStarted() ? "" : " (still starting: events wait in the outbox until it is up)"));
        }
        line(s, "Routes", camel.getRoutes().size() + " routes started");
        line(s, "Twilio", (p.apply("bella.twilio.auth-token").isEmpty() ? "NOT CONFIGURED: TWILIO_AUTH_TOKEN missing, webhooks are refused"
                : "webhooks verified for " + orMissing(p.apply("bella.public-url"), "BELLA_PUBLIC_URL"))
                + "; SMS " + (p.apply("bella.sms.from").isEmpty() || p.apply("bella.twilio.account-sid").isEmpty()
                ? "off (BELLA_SMS_FROM / TWILIO_ACCOUNT_SID missing)" : "on, base URL " + p.apply("bella.twilio.api-base-url")));
        boolean openAi = !p.apply("bella.openai.api-key").isEmpty();
        line(s, "Speech", "recognition " + orDefault(p.apply("bella.stt"), openAi ? "whisper" : "twilio") + ", extraction "
                + orDefault(p.apply("bella.extractor"), openAi ? "llm" : "rules") + (openAi ? " (OpenAI at " + p.apply("bella.openai.base-url") + ")"
                : " (OPENAI_API_KEY not set)"));
        line(s, "Alerts", "Slack " + onOff(!p.apply("bella.alerts.slack.webhook-url").isEmpty())
                + ", e-mail " + onOff(!p.apply("bella.alerts.smtp.host").isEmpty() && !p.apply("bella.alerts.email.to").isEmpty())
                + ", SMS " + onOff(!p.apply("bella.alerts.oncall-phone").isEmpty() && !p.apply("bella.sms.from").isEmpty()));
        line(s, "API", p.apply("bella.api.bootstrap-api-key").isEmpty() ? "no bootstrap key (BELLA_API_KEY); keys from 'bella keys create'"
                : "bootstrap key set");
        line(s, "Backups", p.apply("bella.backup.key").isEmpty() ? "BELLA_BACKUP_KEY not set: 'bella backup' will refuse" : "key set");
        line(s, "Logs", orDefault(p.apply("bella.log.format"), "text"));
        return s.toString();
    }

    private static void line(StringBuilder s, String what, String text) {
        s.append(System.lineSeparator()).append(String.format("  %-11s %s", what, text));
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    private static String orDefault(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }

    private static String orMissing(String value, String name) {
        return value.isEmpty() ? "(" + name + " MISSING: signatures cannot match)" : value;
    }
}
