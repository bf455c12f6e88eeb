package app.bella.notify;

import static app.bella.notify.CustomerSms.MESSAGES;
import static app.bella.notify.CustomerSms.book;
import static app.bella.notify.CustomerSms.newPhone;
import static app.bella.notify.CustomerSms.rows;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.bella.testing.BellaServer;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several senders per instance: texts go out side by side while Twilio takes its time, and one appointment's texts
 * still leave one after another, in order, even with two instances sending.
 */
class SmsSendersTest {

    /** Twilio's answer time here: a request received less than this after another overlapped with it. */
    static final int TWILIO_MS = 400;
    static final WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort());
    static Map<String, String> settings;
    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        twilio.start();
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201).withFixedDelay(TWILIO_MS)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"SM" + "d".repeat(32) + "\",\"status\":\"queued\",\"num_segments\":\"1\"}")));
        settings = new HashMap<>(CustomerSms.settings(twilio, "2025-10-08T10:00:00-06:00"));
        settings.put("bella.notify.senders", "4");
        bella = BellaServer.start(settings);
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
        twilio.stop();
    }

    @Test
    void textsGoOutSideBySideWhileTwilioAnswers() throws Exception {
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String phone = newPhone();
            phones.add(phone);
            book(bella, phone, "Patient " + (char) ('A' + i), halfHour("2025-10-09", i));
        }
        List<LoggedRequest> sent = await().atMost(Duration.ofSeconds(30))
                .until(() -> requestsTo(Set.copyOf(phones)), r -> r.size() == phones.size());
        assertThat(mostInFlight(sent)).as("texts in flight at once (one sender never has more than one)")
                .isGreaterThanOrEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(bella, "SELECT count(*) AS n FROM notification "
                + "WHERE kind = 'confirmation' AND status = 'sent'").get(0).get("n").equals(String.valueOf(phones.size())));
        assertThat(requestsTo(Set.copyOf(phones))).as("each confirmation once").hasSize(phones.size());
    }

    @Test
    void oneAppointmentsTextsLeaveInOrderEvenFromTwoInstances() throws Exception {
        try (BellaServer second = CustomerSms.sameDatabaseAs(bella, settings)) {
            Map<String, Long> appointments = new HashMap<>();
            for (int i = 0; i < 6; i++) {
                String phone = newPhone();
                long id = book(bella, phone, "Mover " + (char) ('A' + i), halfHour("2025-10-10", i));
                // moved at once: its notice falls due while its confirmation is still on its way to Twilio
                CustomerSms.move(i % 2 == 0 ? bella : second, id, halfHour("2025-10-14", i));
                appointments.put(phone, id);
            }
            List<LoggedRequest> sent = await().atMost(Duration.ofSeconds(30))
                    .until(() -> requestsTo(appointments.keySet()), r -> r.size() == 2 * appointments.size());
            for (String phone : appointments.keySet()) {
                List<LoggedRequest> texts = sent.stream().filter(r -> phone.equals(to(r))).toList();
                assertThat(texts).hasSize(2);
                assertThat(body(texts.get(0))).as("first text to %s", phone).doesNotContain("has been moved");
                assertThat(body(texts.get(1))).as("second text to %s", phone).contains("has been moved");
                assertThat(texts.get(1).getLoggedDate().getTime() - texts.get(0).getLoggedDate().getTime())
                        .as("the notice asked for only after Twilio answered the confirmation").isGreaterThanOrEqualTo(TWILIO_MS);
            }
        }
    }

    /** The {@code n}th half hour from 09:00 on that day, Mountain Daylight Time. */
    static String halfHour(String day, int n) {
        return String.format("%sT%02d:%02d:00-06:00", day, 9 + n / 2, n % 2 * 30);
    }

    /** Twilio's requests for these phones, in the order Twilio received them. */
    static List<LoggedRequest> requestsTo(Set<String> phones) {
        return twilio.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getUrl().equals(MESSAGES) && phones.contains(to(r)))
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    /** The most requests in flight at one moment, each taking {@link #TWILIO_MS} from its receipt. */
    static int mostInFlight(List<LoggedRequest> requests) {
        int most = 0;
        for (LoggedRequest r : requests) {
            long at = r.getLoggedDate().getTime();
            int inFlight = (int) requests.stream().map(o -> o.getLoggedDate().getTime())
                    .filter(start -> start <= at && at < start + TWILIO_MS).count();
            most = Math.max(most, inFlight);
        }
        return most;
    }

    static String to(LoggedRequest r) {
        return CustomerSms.form(r.getBodyAsString()).get("To");
    }

    static String body(LoggedRequest r) {
        return CustomerSms.form(r.getBodyAsString()).get("Body");
    }
}
