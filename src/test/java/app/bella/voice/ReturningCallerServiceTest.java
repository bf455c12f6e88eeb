package app.bella.voice;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.ApiClient;
import app.bella.testing.BellaServer;
import app.bella.testing.TwilioCaller;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A returning caller with no upcoming appointment at a practice offering several services: Bella goes straight to
 * "when", naming the service and length they usually book (their last kept appointment), and books that service
 * without asking which one.
 */
class ReturningCallerServiceTest {

    static final String TOKEN = "returning-token";
    static BellaServer bella;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        bella = BellaServer.start(Map.of(
                "bella.clock", "2025-10-08T10:00:00-06:00",
                "bella.timezone", "America/Edmonton",
                "bella.twilio.auth-token", TOKEN,
                "bella.api.bootstrap-api-key", BellaServer.ADMIN_KEY));
        api = new ApiClient(bella, BellaServer.ADMIN_KEY);
        assertThat(api.post("/api/services", Map.of("name", "Cleaning", "durationMinutes", 60)).status()).isEqualTo(201);
        assertThat(api.post("/api/services", Map.of("name", "Check-up", "durationMinutes", 20)).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() throws Exception {
        if (bella != null) {
            bella.close();
        }
    }

    /** An appointment booked through the API, then moved into the past as one the caller kept. */
    static void pastAppointment(String name, String phone, String service, String status) throws Exception {
        ApiClient.Reply booked = api.post("/api/appointments", Map.of("name", name, "phone", phone,
                "start", "2025-10-20T09:00:00-06:00", "service", service));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        try (Connection c = bella.jdbc(); PreparedStatement ps = c.prepareStatement(
                "UPDATE appointment SET during = tstzrange(lower(during) - interval '60 days', upper(during) - interval '60 days'),"
                        + " status = ? WHERE id = ?")) {
            ps.setString(1, status);
            ps.setLong(2, booked.json().get("id").asLong());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    static JsonNode appointments(String phone) throws Exception {
        return api.get("/api/appointments?phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)).json();
    }

    @Test
    void theUsualServiceAndItsLengthAreNamedAndBookedWithoutAskingWhichService() throws Exception {
        String phone = "+15875557101";
        pastAppointment("Dana Scully", phone, "Cleaning", "completed");
        TwilioCaller c = new TwilioCaller(bella.baseUrl(), TOKEN, phone).dial();
        assertThat(c.lastPrompt()).contains("Hi Dana").contains("When would you like to come in for your usual 60-minute cleaning?");
        c.say("Friday at 10 am");
        assertThat(c.lastPrompt()).contains("Friday, October 10th at 10 AM").contains("Is that correct?")
                .doesNotContain("Which would you like");
        c.say("yes");
        JsonNode booked = appointments(phone);
        JsonNode upcoming = null;
        for (JsonNode a : booked) {
            if ("booked".equals(a.get("status").asText())) {
                upcoming = a;
            }
        }
        assertThat(upcoming).as(booked.toString()).isNotNull();
        assertThat(upcoming.get("start").asText()).isEqualTo("2025-10-10T10:00:00-06:00");
        assertThat(upcoming.get("service").asText()).isEqualTo("Cleaning");
        assertThat(upcoming.get("durationMinutes").asInt()).isEqualTo(60);
    }

    @Test
    void aCancelledAppointmentSaysNothingAboutWhatTheyUsuallyBook() throws Exception {
        String phone = "+15875557102";
        pastAppointment("Fox Mulder", phone, "Check-up", "cancelled");
        TwilioCaller c = new TwilioCaller(bella.baseUrl(), TOKEN, phone).dial();
        assertThat(c.lastPrompt()).contains("Hi Fox").contains("When would you like to come in?").doesNotContain("usual");
    }
}
