package app.bella.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import app.bella.testing.BellaServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test doubles for the alert channels: WireMock standing in for the Slack webhook and Twilio's REST API, GreenMail
 * for SMTP; plus the Bella properties pointing at them, on a topic of its own.
 */
final class ChannelDoubles implements AutoCloseable {

    static final String ACCOUNT = "AC" + "7".repeat(32);
    static final String SLACK_PATH = "/services/T0001/B0002/webhook-secret-xyz";
    static final String SMS_PATH = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    static final String ONCALL = "+15875550199";
    static final ObjectMapper JSON = new ObjectMapper();

    final WireMockServer saas = new WireMockServer(wireMockConfig().dynamicPort());
    final GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    ChannelDoubles() {
        saas.start();
        mail.start();
        mail.setUser("bella@example.com", "bella", "mail-secret");
        saas.stubFor(post(urlEqualTo(SLACK_PATH)).atPriority(5).willReturn(aResponse().withStatus(200).withBody("ok")));
        saas.stubFor(post(urlEqualTo(SMS_PATH)).atPriority(5).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"SM" + "1".repeat(32) + "\",\"status\":\"queued\"}")));
    }

    /** Bella on these doubles: every channel configured, fast retries, rules only when a test evaluates them. */
    Map<String, String> properties() {
        Map<String, String> p = new HashMap<>();
        p.put("bella.api.bootstrap-api-key", BellaServer.ADMIN_KEY);
        p.put("bella.events.topic.alerts", "test.alerts." + UUID.randomUUID());
        p.put("bella.alerts.consumer-group", "test-alerting-" + UUID.randomUUID());
        p.put("bella.alerts.slack.webhook-url", saas.baseUrl() + SLACK_PATH);
        p.put("bella.alerts.smtp.protocol", "smtp");
        p.put("bella.alerts.smtp.host", "127.0.0.1");
        p.put("bella.alerts.smtp.port", String.valueOf(mail.getSmtp().getPort()));
        p.put("bella.alerts.smtp.starttls", "false");
        p.put("bella.alerts.smtp.username", "bella");
        p.put("bella.alerts.smtp.password", "mail-secret");
        p.put("bella.alerts.email.from", "bella@example.com");
        p.put("bella.alerts.email.to", "oncall@example.com");
        p.put("bella.twilio.account-sid", ACCOUNT);
        p.put("bella.twilio.auth-token", "alert-token");
        p.put("bella.twilio.api-base-url", saas.baseUrl());
        p.put("bella.sms.from", "+15875550100");
        p.put("bella.alerts.oncall-phone", ONCALL);
        p.put("bella.alerts.group-wait-ms", "1500");
        p.put("bella.alerts.retries", "2");
        p.put("bella.alerts.retry-delay-ms", "50");
        p.put("bella.alerts.evaluate-interval-ms", "3600000");
        p.put("bella.alerts.sweep-interval-ms", "200");
        p.put("bella.breaker.minimum-calls", "100");
        return p;
    }

    /** Slack webhook posts whose body contains {@code text}. */
    List<LoggedRequest> slack(String text) {
        return saas.findAll(postRequestedFor(urlEqualTo(SLACK_PATH)).withRequestBody(containing(text)));
    }

    /** SMS sent through Twilio whose body contains {@code text}. */
    List<LoggedRequest> sms(String text) {
        return saas.findAll(postRequestedFor(urlEqualTo(SMS_PATH))
                .withRequestBody(containing(URLEncoder.encode(text, StandardCharsets.UTF_8))));
    }

    /** E-mails received whose subject contains {@code text}. */
    List<MimeMessage> emails(String text) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject() != null && m.getSubject().contains(text);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static AlertService alerts(BellaServer bella) {
        return bella.camel().getRegistry().lookupByNameAndType("alerts", AlertService.class);
    }

    /** The alert as GET /api/alerts/{id} shows it. */
    static JsonNode alertView(BellaServer bella, long id) throws Exception {
        var response = bella.get("/api/alerts/" + id, BellaServer.ADMIN_KEY);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /api/alerts/" + id + " → " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    @Override
    public void close() {
        saas.stop();
        mail.stop();
    }
}
