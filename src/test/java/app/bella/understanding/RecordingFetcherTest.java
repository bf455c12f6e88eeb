package app.bella.understanding;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Twilio credentials go to the configured Twilio API host only; downloads are capped. Real HTTP against WireMock. */
class RecordingFetcherTest {

    static final WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort());
    static final WireMockServer elsewhere = new WireMockServer(wireMockConfig().dynamicPort());
    static RecordingFetcher fetcher;

    @BeforeAll
    static void start() {
        twilio.start();
        elsewhere.start();
        fetcher = new RecordingFetcher("AC1", "secret-token", twilio.baseUrl(), 1000, 1, Duration.ZERO);
    }

    @AfterAll
    static void stop() {
        twilio.stop();
        elsewhere.stop();
    }

    @BeforeEach
    void reset() {
        twilio.resetAll();
        elsewhere.resetAll();
    }

    @Test
    void fetchesFromTheTwilioHostWithCredentials() throws Exception {
        twilio.stubFor(get(urlEqualTo("/rec/RE1.wav")).willReturn(aResponse().withBody("RIFF-audio")));
        assertThat(new String(fetcher.fetch(twilio.baseUrl() + "/rec/RE1"))).isEqualTo("RIFF-audio");
        twilio.verify(getRequestedFor(urlEqualTo("/rec/RE1.wav")).withBasicAuth(
                new com.github.tomakehurst.wiremock.client.BasicCredentials("AC1", "secret-token")));
    }

    @Test
    void aRecordingUrlOnAnotherHostIsRefusedBeforeAnythingIsSent() {
        elsewhere.stubFor(get(anyUrl()).willReturn(aResponse().withBody("RIFF")));
        for (String url : new String[] {elsewhere.baseUrl() + "/rec/RE1", "http://AC1:x@" + twilio.baseUrl().substring(7) + "/rec/RE1",
                "file:///etc/passwd", "not a url"}) {
            assertThatThrownBy(() -> fetcher.fetch(url)).as(url).isInstanceOf(IOException.class);
        }
        elsewhere.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aPlainHttpRedirectElsewhereIsNotFollowed() {
        twilio.stubFor(get(urlEqualTo("/rec/RE2.wav")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", elsewhere.baseUrl() + "/media/RE2.wav")));
        elsewhere.stubFor(get(urlEqualTo("/media/RE2.wav")).willReturn(aResponse().withBody("RIFF-2")));
        assertThatThrownBy(() -> fetcher.fetch(twilio.baseUrl() + "/rec/RE2")).isInstanceOf(IOException.class);
        elsewhere.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aDownloadOverTheCapIsRefused() {
        twilio.stubFor(get(urlEqualTo("/rec/RE3.wav")).willReturn(aResponse().withBody("x".repeat(1001))));
        assertThatThrownBy(() -> fetcher.fetch(twilio.baseUrl() + "/rec/RE3")).hasMessageContaining("too large");
        twilio.stubFor(get(urlEqualTo("/rec/RE4.wav")).willReturn(aResponse().withBody("x".repeat(1001)).withChunkedDribbleDelay(2, 10)));
        assertThatThrownBy(() -> fetcher.fetch(twilio.baseUrl() + "/rec/RE4")).hasMessageContaining("too large");
    }
}
