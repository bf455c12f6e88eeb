package app.bella.understanding;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.BellaServer;
import app.bella.testing.TwilioCaller;
import app.bella.testing.WhisperSettings;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A whole booking call on a call-path pool of one connection: the name on the Whisper path (recording, transcription,
 * poll), the rest on Twilio's speech, the booking and its costs. Any step that asks the pool for a second connection
 * while it holds one would wait the pool's 5 s out here (and under load, twenty such webhooks emptied a pool of twenty
 * for good: the 24 calls/s Whisper run, docs/performance.md), so every webhook answering quickly and every cost being
 * recorded proves the call path never holds two.
 */
class OneConnectionCallPathTest {

    static final String TOKEN = "one-connection-token";
    static final String ACCOUNT = "AC" + "2".repeat(32);
    static final WireMockServer saas = new WireMockServer(wireMockConfig().dynamicPort());
    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        saas.start();
        Map<String, String> settings = WhisperSettings.against(saas.baseUrl(), TOKEN, ACCOUNT);
        settings.put("bella.db.pool-size", "1");
        settings.put("bella.stt.whisper-steps", "ASK_NAME");
        bella = BellaServer.start(settings);
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
        saas.stop();
    }

    @Test
    void aWholeCallNeverHoldsTwoConnections() throws Exception {
        assertThat(bella.camel().getRegistry().lookupByNameAndType("dataSource", HikariDataSource.class).getMaximumPoolSize())
                .isEqualTo(1);
        saas.stubFor(get(urlEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Recordings/RE77.wav")).withBasicAuth(ACCOUNT, TOKEN)
                .willReturn(aResponse().withHeader("Content-Type", "audio/x-wav").withBody("RIFF-ada-request")));
        saas.stubFor(post(urlEqualTo("/v1/audio/transcriptions")).withRequestBody(containing("RIFF-ada-request"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"text\":\"This is Ada Lovelace, Friday at 3 pm please\"}")));

        List<Long> millis = new ArrayList<>();
        TwilioCaller c = new TwilioCaller(bella.baseUrl(), TOKEN, "+15875556077");
        long t0 = System.nanoTime();
        c.dial();
        millis.add(since(t0));
        assertThat(c.gatherInput()).as("the name is recorded for Whisper").isEqualTo("record");

        t0 = System.nanoTime();
        c.recorded("RE77", saas.baseUrl() + "/2010-04-01/Accounts/" + ACCOUNT + "/Recordings/RE77", 3);
        millis.add(since(t0)); // the recording, the redirect and the poll that waits for the transcript
        assertThat(c.lastPrompt()).contains("Ada").contains("October 10th at 3 PM");
        assertThat(c.gatherInput()).as("the confirmation is heard by Twilio's speech").contains("speech");

        t0 = System.nanoTime();
        c.say("yes");
        millis.add(since(t0));
        assertThat(c.ended).isEqualTo("hangup");
        assertThat(c.lastPrompt()).contains("You're all set, Ada");
        assertThat(millis).as("every step of the call, ms").allSatisfy(ms -> assertThat(ms).isLessThan(3_000));

        assertThat(costs(c.callSid)).as("every cost recorded, none lost to a pool timeout")
                .containsExactly("openai/transcription", "twilio/recording", "twilio/speech");
        assertThat(count("SELECT count(*) FROM appointment WHERE call_sid = ?", c.callSid)).isEqualTo(1);
    }

    private static long since(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static List<String> costs(String callSid) throws Exception {
        List<String> items = new ArrayList<>();
        try (Connection conn = bella.jdbc(); PreparedStatement ps = conn.prepareStatement(
                "SELECT provider || '/' || item FROM cost_entry WHERE call_sid = ? ORDER BY 1")) {
            ps.setString(1, callSid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(rs.getString(1));
                }
            }
        }
        return items;
    }

    private static long count(String sql, String callSid) throws Exception {
        try (Connection conn = bella.jdbc(); PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, callSid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
