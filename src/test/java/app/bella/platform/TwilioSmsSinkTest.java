package app.bella.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.bella.testing.BellaServer;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.twilio.rest.api.v2010.account.Message;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The twilio-sms-sink Kamelet sends through camel-twilio to the configured Twilio base URL (WireMock here). */
class TwilioSmsSinkTest {

    static final String ACCOUNT = "AC" + "2".repeat(32);
    static final WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort());
    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        twilio.start();
        bella = BellaServer.start(Map.of(
                "bella.twilio.account-sid", ACCOUNT,
                "bella.twilio.auth-token", "sms-token",
                "bella.twilio.api-base-url", twilio.baseUrl()));
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
        twilio.stop();
    }

    @Test
    void sendsAnSmsWithTheAccountCredentials() {
        twilio.stubFor(post(urlEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json"))
                .withBasicAuth(ACCOUNT, "sms-token")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM123\",\"status\":\"queued\",\"to\":\"+15875550111\",\"body\":\"hello\"}")));
        Object result = bella.camel().createProducerTemplate().requestBodyAndHeader(
                "kamelet:twilio-sms-sink?from=+15875550100", "Your appointment is confirmed & booked", "to", "+15875550111");
        assertThat(result).isInstanceOf(Message.class);
        assertThat(bella.camel().getRoutes()).as("the Kamelet comes from the top-level kamelets/ folder")
                .anySatisfy(r -> assertThat(r.getSourceLocation()).startsWith("file:kamelets/twilio-sms-sink.kamelet.yaml"));
        assertThat(((Message) result).getSid()).isEqualTo("SM123");
        twilio.verify(postRequestedFor(urlEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json"))
                .withRequestBody(containing("To=%2B15875550111"))
                .withRequestBody(containing("From=%2B15875550100"))
                .withRequestBody(containing("Body=Your+appointment+is+confirmed+%26+booked")));
    }

    @Test
    void aRefusalFromTwilioIsAnErrorForTheCaller() {
        twilio.stubFor(post(urlEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json"))
                .withRequestBody(containing("To=%2B15875550112"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":21211,\"message\":\"Invalid 'To' Phone Number\",\"status\":400}")));
        assertThatThrownBy(() -> bella.camel().createProducerTemplate().requestBodyAndHeader(
                "kamelet:twilio-sms-sink?from=+15875550100", "hi", "to", "+15875550112"))
                .hasStackTraceContaining("Invalid 'To' Phone Number");
    }
}
