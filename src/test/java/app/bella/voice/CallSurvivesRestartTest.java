package app.bella.voice;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.BellaServer;
import app.bella.testing.TwilioCaller;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The call's state lives in PostgreSQL: a restart between two turns loses nothing and repeats nothing. */
class CallSurvivesRestartTest {

    @Test
    void aCallStartedBeforeARestartFinishesAfterIt() throws Exception {
        BellaServer bella = BellaServer.start(Map.of(
                "bella.clock", "2025-10-08T10:00:00-06:00",
                "bella.timezone", "America/Edmonton",
                "bella.twilio.auth-token", "restart-token"));
        String phone = "+15875557777";
        TwilioCaller caller = new TwilioCaller(bella.baseUrl(), "restart-token", phone).dial();
        caller.say("I'm Nina Simone", "Friday at 10 am");
        assertThat(caller.lastPrompt()).contains("Nina Simone").contains("October 10th at 10 AM");

        bella = bella.restart();
        try {
            caller.via(bella.baseUrl()).say("yes");
            assertThat(caller.ended).isEqualTo("hangup");
            assertThat(caller.lastPrompt()).contains("You're all set, Nina");
            try (Connection c = bella.jdbc(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*), min(lower(during)) FROM appointment a JOIN customer u "
                         + "ON u.id = a.customer_id WHERE u.phone = '" + phone + "' AND a.status = 'booked'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getTimestamp(2).toInstant().toString()).isEqualTo("2025-10-10T16:00:00Z");
            }
        } finally {
            bella.close();
        }
    }
}
