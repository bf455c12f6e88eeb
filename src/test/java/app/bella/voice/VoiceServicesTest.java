package app.bella.voice;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.BellaServer;
import app.bella.testing.TwilioCaller;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A practice with several services: Bella asks which one (unless the caller said it) and books its length. */
class VoiceServicesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        bella = BellaServer.start(Map.of("bella.clock", "2025-10-08T10:00:00-06:00", "bella.twilio.auth-token", "T",
                "bella.api.bootstrap-api-key", BellaServer.ADMIN_KEY));
        for (String service : new String[] {"{\"name\":\"Cleaning\",\"durationMinutes\":60}", "{\"name\":\"Checkup\",\"durationMinutes\":20}"}) {
            var r = bella.send(HttpRequest.newBuilder(bella.uri("/api/services")).header("X-API-Key", BellaServer.ADMIN_KEY)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(service)));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
    }

    @Test
    void bellaAsksForTheServiceAndBooksItsLength() throws Exception {
        TwilioCaller c = new TwilioCaller(bella.baseUrl(), "T", "+15875558801").dial().say("I'm Rose Tyler", "Friday at 10 am");
        assertThat(c.lastPrompt()).contains("Which would you like").contains("Appointment").contains("Cleaning").contains("Checkup");
        c.say("a cleaning please");
        assertThat(c.lastPrompt()).contains("Rose Tyler for Cleaning").contains("October 10th at 10 AM").contains("an hour");
        c.say("yes");
        JsonNode appointment = appointments("+15875558801").get(0);
        assertThat(appointment.get("service").asText()).isEqualTo("Cleaning");
        assertThat(appointment.get("durationMinutes").asInt()).isEqualTo(60);
    }

    @Test
    void aServiceSaidUpFrontIsNotAskedAgain() throws Exception {
        TwilioCaller c = new TwilioCaller(bella.baseUrl(), "T", "+15875558802").dial()
                .say("Hi, Mickey Smith here, I need a checkup on Monday at 2 pm");
        assertThat(c.lastPrompt()).contains("Mickey Smith for Checkup").contains("20 minutes").contains("Is that correct?");
        c.say("yes");
        assertThat(appointments("+15875558802").get(0).get("durationMinutes").asInt()).isEqualTo(20);
    }

    static JsonNode appointments(String phone) throws Exception {
        return JSON.readTree(bella.send(HttpRequest.newBuilder(bella.uri("/api/appointments?phone=%2B" + phone.substring(1)))
                .header("X-API-Key", BellaServer.ADMIN_KEY).GET()).body());
    }
}
