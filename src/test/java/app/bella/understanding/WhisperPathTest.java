package app.bella.understanding;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import app.bella.testing.BellaServer;
import app.bella.testing.TwilioCaller;
import app.bella.testing.WhisperSettings;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Whisper path against WireMock standing in for Twilio's recording store and OpenAI's transcription endpoint:
 * a call finished on recordings, the transcript cache, and the fallback to Twilio speech when Whisper fails.
 */
class WhisperPathTest {

    static final String TOKEN = "whisper-token";
    static final String ACCOUNT = "AC" + "1".repeat(32);
    static final WireMockServer saas = new WireMockServer(wireMockConfig().dynamicPort());
    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        saas.start();
        Map<String, String> settings = WhisperSettings.against(saas.baseUrl(), TOKEN, ACCOUNT);
        settings.put("bella.stt.timeout-ms", "1500");
        settings.put("bella.stt.recording-attempts", "2");
        settings.put("bella.breaker.minimum-calls", "2");
        settings.put("bella.breaker.open-seconds", "1");
        bella = BellaServer.start(settings);
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
        saas.stop();
    }

    @BeforeEach
    void reset() {
        saas.resetAll();
        breaker().transitionToCloseState();
    }

    static ResilienceProcessor breaker() {
        return bella.camel().getProcessor("whisper-breaker", ResilienceProcessor.class);
    }

    /** A recording whose bytes name it, and the transcription WireMock gives for those bytes. */
    static String recording(String sid, String audio, String text) {
        saas.stubFor(get(urlEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Recordings/" + sid + ".wav"))
                .withBasicAuth(ACCOUNT, TOKEN)
                .willReturn(aResponse().withHeader("Content-Type", "audio/x-wav").withBody("RIFF" + audio)));
        saas.stubFor(post(urlEqualTo("/v1/audio/transcriptions")).withHeader("Authorization", equalTo("Bearer sk-test"))
                .withRequestBody(containing("RIFF" + audio))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"text\":\"" + text + "\"}")));
        return saas.baseUrl() + "/2010-04-01/Accounts/" + ACCOUNT + "/Recordings/" + sid;
    }

    @Test
    void aCallCompletesOnRecordingsAndIdenticalAudioIsTranscribedOnce() throws Exception {
        String first = recording("RE1", "carl-request", "Hi, I'm Carl Sagan, can I come in Friday at 3 pm?");
        String yes = recording("RE2", "plain-yes", "yes");
        TwilioCaller c = new TwilioCaller(bella.baseUrl(), TOKEN, "+15875556001").dial();
        assertThat(c.gatherInput()).as("Bella records instead of gathering").isEqualTo("record");
        c.recorded("RE1", first, 4);
        assertThat(c.lastPrompt()).contains("Carl Sagan").contains("October 10th at 3 PM");
        c.recorded("RE2", yes, 1);
        assertThat(c.ended).isEqualTo("hangup");
        assertThat(c.lastPrompt()).contains("You're all set, Carl");
        saas.verify(2, postRequestedFor(urlEqualTo("/v1/audio/transcriptions")));

        // the same "yes" audio on another call is answered from the cache: no second payment
        TwilioCaller again = new TwilioCaller(bella.baseUrl(), TOKEN, "+15875556002").dial();
        String second = recording("RE3", "dana-request", "This is Dana Scully, Monday at 11 am");
        String sameYes = recording("RE4", "plain-yes", "yes");
        again.recorded("RE3", second, 3).recorded("RE4", sameYes, 1);
        assertThat(again.ended).isEqualTo("hangup");
        saas.verify(3, postRequestedFor(urlEqualTo("/v1/audio/transcriptions")));
        assertThat(saas.findAll(postRequestedFor(urlEqualTo("/v1/audio/transcriptions"))))
                .as("no internal header (BellaCallSid, BellaTurn, …) reaches OpenAI")
                .allSatisfy(request -> assertThat(request.getAllHeaderKeys())
                        .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("bella")));

        try (Connection conn = bella.jdbc(); Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT provider, item, count(*) FROM cost_entry WHERE call_sid = '" + c.callSid
                     + "' GROUP BY provider, item ORDER BY provider")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1) + "/" + rs.getString(2) + "=" + rs.getInt(3)).isEqualTo("openai/transcription=2");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1) + "/" + rs.getString(2) + "=" + rs.getInt(3)).isEqualTo("twilio/recording=2");
        }
    }

    @Test
    void whisperHearsTheRecordingWithoutItsSilenceAndIsPaidForTheTrimmedSeconds() throws Exception {
        byte[] served = TestWavs.tone(8000, 1, 16, 1.5, 1.0, 2.0); // 4.5 s as Twilio serves it, 1 s of it an answer
        saas.stubFor(get(urlEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Recordings/RE20.wav")).withBasicAuth(ACCOUNT, TOKEN)
                .willReturn(aResponse().withHeader("Content-Type", "audio/x-wav").withBody(served)));
        saas.stubFor(post(urlEqualTo("/v1/audio/transcriptions")).withHeader("Authorization", equalTo("Bearer sk-test"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"text\":\"Hi, I'm Carl Sagan, can I come in Friday at 3 pm?\"}")));

        TwilioCaller c = new TwilioCaller(bella.baseUrl(), TOKEN, "+15875556020").dial();
        c.recorded("RE20", saas.baseUrl() + "/2010-04-01/Accounts/" + ACCOUNT + "/Recordings/RE20", 5);
        assertThat(c.lastPrompt()).contains("Carl Sagan");

        byte[] multipart = saas.findAll(postRequestedFor(urlEqualTo("/v1/audio/transcriptions"))).get(0).getBody();
        byte[] sent = TestWavs.wavIn(multipart);
        assertThat(multipart.length).as("the upload is smaller than the recording").isLessThan(served.length / 2);
        assertThat(TestWavs.seconds(sent)).as("1 s of answer, 200 ms each side").isCloseTo(1.4, within(0.041));
        assertThat(TestWavs.format(sent).getSampleRate()).isEqualTo(8000f);

        try (Connection conn = bella.jdbc(); Statement s = conn.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT quantity FROM cost_entry WHERE provider = 'openai' AND item = 'transcription'"
                    + " AND call_sid = '" + c.callSid + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBigDecimal(1)).as("2 s (1.4 s rounded up), not the 5 s Twilio reported")
                        .isEqualByComparingTo(new java.math.BigDecimal("0.0333"));
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs = s.executeQuery("SELECT recording_bytes, sent_bytes, recording_ms, sent_ms FROM transcription"
                    + " WHERE call_sid = '" + c.callSid + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(served.length);
                assertThat(rs.getInt(2)).isEqualTo(sent.length).isLessThan(served.length / 2);
                assertThat(rs.getInt(3)).isEqualTo(4500);
                assertThat(rs.getInt(4)).isBetween(1360, 1440);
            }
        }
        String metrics = bella.observe("/observe/metrics").body();
        assertThat(counter(metrics, "bella_audio_bytes_saved_total")).isGreaterThanOrEqualTo(served.length / 2.0);
        assertThat(counter(metrics, "bella_audio_seconds_saved_total")).isGreaterThanOrEqualTo(3.0);
    }

    private static double counter(String prometheus, String name) {
        return prometheus.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void whisperFailingSwitchesTheCallToTwilioSpeechAndTheBreakerOpensThenCloses() throws Exception {
        saas.stubFor(get(urlEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Recordings/RE9.wav"))
                .willReturn(aResponse().withBody("RIFFbroken")));
        saas.stubFor(post(urlEqualTo("/v1/audio/transcriptions")).willReturn(aResponse().withStatus(500)));
        String url = saas.baseUrl() + "/2010-04-01/Accounts/" + ACCOUNT + "/Recordings/RE9";

        TwilioCaller c = new TwilioCaller(bella.baseUrl(), TOKEN, "+15875556003").dial();
        c.recorded("RE9", url, 3);
        assertThat(c.lastPrompt()).contains("Sorry, I didn't catch that").contains("name");
        assertThat(c.gatherInput()).as("Twilio speech for the rest of the call").isEqualTo("speech dtmf");
        c.say("Ellen Ripley", "Tuesday at 4 pm", "yes");
        assertThat(c.ended).isEqualTo("hangup");

        // a second failing call: with two failures in the window the breaker is open
        TwilioCaller d = new TwilioCaller(bella.baseUrl(), TOKEN, "+15875556004").dial();
        d.recorded("RE9", url, 3);
        assertThat(d.gatherInput()).isEqualTo("speech dtmf");
        assertThat(breaker().getCircuitBreakerState()).isIn("OPEN", "HALF_OPEN");

        // Whisper recovers: after the wait the breaker lets a call through and closes again
        String ok = recording("RE10", "recovered", "Frank Poole");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            TwilioCaller e = new TwilioCaller(bella.baseUrl(), TOKEN, "+15875556005").dial();
            e.recorded("RE10", ok, 2);
            assertThat(e.lastPrompt()).contains("Frank Poole");
        });
        assertThat(breaker().getCircuitBreakerState()).isEqualTo("CLOSED");
    }
}
