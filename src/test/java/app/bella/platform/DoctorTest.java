package app.bella.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.BellaServer;
import app.bella.testing.SharedInfrastructure;
import app.bella.testing.TempDirectories;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code bella doctor} against fakes of Twilio, OpenAI, Slack (WireMock) and SMTP (GreenMail), and the real PostgreSQL and Kafka. */
class DoctorTest {

    static final WireMockServer saas = new WireMockServer(wireMockConfig().dynamicPort());
    static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    static final String SID = "AC0123456789abcdef0123456789abcdef";

    @BeforeAll
    static void start() {
        saas.start();
        smtp.start();
        smtp.setUser("alerts@example.com", "alerts", "smtp-secret");
        saas.stubFor(get(urlEqualTo("/2010-04-01/Accounts/" + SID + ".json"))
                .withHeader("Authorization", equalTo("Basic " + java.util.Base64.getEncoder().encodeToString((SID + ":good-token").getBytes())))
                .willReturn(aResponse().withStatus(200).withBody("{\"sid\":\"" + SID + "\",\"status\":\"active\"}")));
        saas.stubFor(get(urlEqualTo("/2010-04-01/Accounts/" + SID + ".json")).atPriority(10)
                .willReturn(aResponse().withStatus(401).withBody("{\"code\":20003}")));
        saas.stubFor(get(urlEqualTo("/v1/models")).withHeader("Authorization", equalTo("Bearer sk-good"))
                .willReturn(aResponse().withStatus(200).withBody("{\"data\":[]}")));
        saas.stubFor(get(urlEqualTo("/v1/models")).atPriority(10).willReturn(aResponse().withStatus(401)));
        saas.stubFor(post(urlEqualTo("/slack/good")).willReturn(aResponse().withStatus(400).withBody("no_text")));
        saas.stubFor(post(urlEqualTo("/slack/revoked")).willReturn(aResponse().withStatus(404).withBody("no_service")));
    }

    @AfterAll
    static void stop() {
        saas.stop();
        smtp.stop();
    }

    record Run(int status, String out) {
        String line(String what) {
            return out.lines().map(String::strip).filter(l -> l.matches("(OK|MISSING|FAIL)\\s+" + what + "\\b.*")).findFirst()
                    .orElse("no line for " + what + " in\n" + out);
        }
    }

    static Run doctor(Map<String, String> settings) {
        Properties p = new Properties();
        p.putAll(settings);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Cli.run(new String[] {"doctor"}, p, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        return new Run(status, out.toString(StandardCharsets.UTF_8));
    }

    static Map<String, String> everything(String twilioToken, String openAiKey, String slackPath, String smtpPassword) {
        SharedInfrastructure infra = SharedInfrastructure.get();
        return Map.ofEntries(
                Map.entry("bella.db.url", infra.newDatabase()),
                Map.entry("bella.db.user", "postgres"),
                Map.entry("bella.kafka.bootstrap-servers", infra.kafkaBootstrapServers()),
                Map.entry("bella.twilio.api-base-url", saas.baseUrl()),
                Map.entry("bella.twilio.account-sid", SID),
                Map.entry("bella.twilio.auth-token", twilioToken),
                Map.entry("bella.public-url", "https://bella.example.com"),
                Map.entry("bella.sms.from", "+15875550100"),
                Map.entry("bella.openai.base-url", saas.baseUrl()),
                Map.entry("bella.openai.api-key", openAiKey),
                Map.entry("bella.alerts.slack.webhook-url", saas.baseUrl() + slackPath),
                Map.entry("bella.alerts.smtp.protocol", "smtp"),
                Map.entry("bella.alerts.smtp.host", "127.0.0.1"),
                Map.entry("bella.alerts.smtp.port", String.valueOf(smtp.getSmtp().getPort())),
                Map.entry("bella.alerts.smtp.starttls", "false"),
                Map.entry("bella.alerts.smtp.username", "alerts"),
                Map.entry("bella.alerts.smtp.password", smtpPassword),
                Map.entry("bella.alerts.email.to", "oncall@example.com"),
                Map.entry("bella.api.bootstrap-api-key", "test-admin-key-0123456789abcdef0123456789"),
                Map.entry("bella.backup.key", "doctor-backup-key-0123"));
    }

    @Test
    void everythingConfiguredAndWorkingIsOk() {
        Run run = doctor(everything("good-token", "sk-good", "/slack/good", "smtp-secret"));
        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.line("Database")).startsWith("OK").contains("reachable").contains("PostgreSQL 17");
        assertThat(run.line("Kafka")).startsWith("OK").contains("1 broker");
        assertThat(run.line("Twilio")).startsWith("OK").contains("accepted the credentials").doesNotContain(SID).doesNotContain("good-token");
        assertThat(run.line("OpenAI")).startsWith("OK");
        assertThat(run.line("Slack")).startsWith("OK").contains("without posting");
        assertThat(run.line("E-mail")).startsWith("OK").contains("login");
        assertThat(run.out()).contains("0 failing");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void rejectedCredentialsAndUnreachableServicesFailInPlainWords() throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(everything("stale-token", "sk-revoked", "/slack/revoked", "wrong"));
        settings.put("bella.db.url", "jdbc:postgresql://127.0.0.1:" + BellaServer.freePort() + "/bella");
        settings.put("bella.kafka.bootstrap-servers", "127.0.0.1:" + BellaServer.freePort());
        long t0 = System.nanoTime();
        Run run = doctor(settings);
        assertThat((System.nanoTime() - t0) / 1_000_000_000).as("short timeouts").isLessThan(30);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.line("Database")).startsWith("FAIL");
        assertThat(run.line("Kafka")).startsWith("FAIL");
        assertThat(run.line("Twilio")).startsWith("FAIL").contains("rejected TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN").doesNotContain("stale-token");
        assertThat(run.line("OpenAI")).startsWith("FAIL").contains("rejected OPENAI_API_KEY").doesNotContain("sk-revoked");
        assertThat(run.line("Slack")).startsWith("FAIL").contains("revoked or mistyped");
        assertThat(run.line("E-mail")).startsWith("FAIL").contains("rejected BELLA_SMTP_USER");
        assertThat(run.out()).contains("6 failing");
        saas.verify(postRequestedFor(urlEqualTo("/slack/revoked")).withRequestBody(equalTo("{}")));
    }

    @Test
    void nothingConfiguredSaysWhatIsMissingAndPasses() throws Exception {
        Run run = doctor(Map.of("bella.data-dir", TempDirectories.deletedAtExit("doctor").toString(),
                "bella.twilio.auth-token", "", "bella.openai.api-key", "", "bella.alerts.slack.webhook-url", "",
                "bella.alerts.smtp.host", "", "bella.api.bootstrap-api-key", "", "bella.backup.key", ""));
        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.line("Database")).startsWith("OK").contains("embedded PostgreSQL");
        assertThat(run.line("Twilio")).startsWith("MISSING").contains("TWILIO_AUTH_TOKEN is not set");
        assertThat(run.line("OpenAI")).startsWith("MISSING").contains("Twilio's speech recognition");
        assertThat(run.line("Slack")).startsWith("MISSING");
        assertThat(run.line("E-mail")).startsWith("MISSING");
        assertThat(run.line("Backups")).startsWith("MISSING").contains("BELLA_BACKUP_KEY");
    }
}
