package app.bella.notify;

import static app.bella.notify.CustomerSms.MESSAGES;
import static app.bella.notify.CustomerSms.book;
import static app.bella.notify.CustomerSms.newPhone;
import static app.bella.notify.CustomerSms.rows;
import static app.bella.notify.CustomerSms.textsTo;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.bella.testing.BellaServer;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Twilio down long enough to open the twilio-sms-breaker: messages wait as pending and go out once it recovers. */
class SmsBreakerTest {

    static final WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort());
    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        twilio.start();
        Map<String, String> settings = new HashMap<>(CustomerSms.settings(twilio, "2025-10-08T10:00:00-06:00"));
        settings.put("bella.breaker.minimum-calls", "2");
        settings.put("bella.breaker.open-seconds", "1");
        bella = BellaServer.start(settings);
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
        twilio.stop();
    }

    @Test
    void anOpenBreakerHoldsMessagesUntilTwilioRecovers() throws Exception {
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"code\":20503,\"message\":\"down\",\"status\":503}")));
        String phone = newPhone();
        long id = book(bella, phone, "Ada Lovelace", "2025-10-09T14:00:00-06:00");
        // two failed calls open the breaker: the third attempt is not permitted, so the message is not given up
        await().atMost(Duration.ofSeconds(30)).until(() -> textsTo(twilio, phone).size() >= 2);
        // back to pending after each refused attempt (nothing was sent), never failed
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(bella, "SELECT status FROM notification WHERE appointment_id = "
                + id + " AND kind = 'confirmation'"), r -> r.equals(List.of(Map.of("status", "pending"))));

        twilio.resetAll();
        CustomerSms.twilioAccepts(twilio);
        List<Map<String, String>> sent = await().atMost(Duration.ofSeconds(30)).until(() -> rows(bella, "SELECT status FROM "
                + "notification WHERE appointment_id = " + id + " AND kind = 'confirmation'"), r -> r.get(0).get("status").equals("sent"));
        assertThat(sent).hasSize(1);
        assertThat(textsTo(twilio, phone)).hasSize(1);
        assertThat(rows(bella, "SELECT count(*) AS n FROM outbox_event WHERE type = 'sms.failed' AND event_key = 'appointment-" + id + "'"))
                .containsExactly(Map.of("n", "0"));
    }
}
