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
import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BELLA_STT_WHISPER_STEPS=ASK_NAME: Whisper hears names, Twilio hears the rest. */
class WhisperForNamesOnlyTest {

    @Test
    void onlyTheNameIsRecorded() throws Exception {
        WireMockServer saas = new WireMockServer(wireMockConfig().dynamicPort());
        saas.start();
        try (BellaServer bella = BellaServer.start(Map.of(
                "bella.clock", "2025-10-08T10:00:00-06:00",
                "bella.twilio.auth-token", "T",
                "bella.openai.api-key", "sk-test",
                "bella.openai.base-url", saas.baseUrl(),
                "bella.twilio.api-base-url", saas.baseUrl(),
                "bella.stt", "whisper",
                "bella.stt.whisper-steps", "ask_name",
                "bella.extractor", "rules"))) {
            saas.stubFor(get(urlEqualTo("/rec/RE1.wav")).willReturn(aResponse().withBody("RIFFname-audio")));
            saas.stubFor(post(urlEqualTo("/v1/audio/transcriptions")).withRequestBody(containing("name-audio"))
                    .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"text\":\"Siobhan O'Neill\"}")));
            TwilioCaller c = new TwilioCaller(bella.baseUrl(), "T", "+15875556500").dial();
            assertThat(c.gatherInput()).isEqualTo("record");
            c.recorded("RE1", saas.baseUrl() + "/rec/RE1", 2);
            assertThat(c.lastPrompt()).contains("Siobhan O'Neill").containsIgnoringCase("day and time");
            assertThat(c.gatherInput()).as("the time is heard by Twilio").isEqualTo("speech dtmf");
        } finally {
            saas.stop();
        }
    }
}
