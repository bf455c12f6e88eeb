package app.bella.understanding;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.apache.camel.test.main.junit5.CamelMainTest;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Route-level test with camel-test-main-junit5: the {@code understanding-extract} route and the
 * {@code openai-extract-action} Kamelet from the top-level folders, against WireMock, without the rest of Bella.
 */
@CamelMainTest(propertyPlaceholderFileName = "extract-route-test.properties")
class ExtractRouteTest {

    static final WireMockServer openai = new WireMockServer(wireMockConfig().dynamicPort());

    @EndpointInject("direct:understanding-extract")
    ProducerTemplate extract;

    @org.apache.camel.BeanInject
    CamelContext camel;

    static {
        // before Camel starts: system properties override the placeholder file
        openai.start();
        System.setProperty("bella.openai.base-url", openai.baseUrl());
    }

    @AfterAll
    static void stopWireMock() {
        System.clearProperty("bella.openai.base-url");
        openai.stop();
    }

    @BeforeEach
    void closeTheBreaker() {
        camel.getProcessor("llm-breaker", ResilienceProcessor.class).transitionToCloseState();
    }

    /**
     * The timed call runs on the breaker-timeouts pool: without it Camel's breaker starts a new thread for every call
     * on a machine of two cores or fewer (CompletableFuture's default executor there), thousands under load.
     */
    @Test
    void timedCallsRunOnABoundedPoolNotOnAThreadEach() {
        openai.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"choices\":[]}")));
        ResilienceProcessor breaker = camel.getProcessor("llm-breaker", ResilienceProcessor.class);
        assertThat(breaker.getExecutorService()).as("the breaker-timeouts pool").isInstanceOf(ThreadPoolExecutor.class);
        ThreadPoolExecutor pool = (ThreadPoolExecutor) breaker.getExecutorService();
        assertThat(pool.getMaximumPoolSize()).isEqualTo(512);
        extract.requestBody((Object) "{}", String.class); // the HTTP client's own threads start with the first call
        long tasksBefore = pool.getTaskCount();
        long threadsBefore = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
        for (int i = 0; i < 30; i++) {
            assertThat(extract.requestBody((Object) "{}", String.class)).isEqualTo("{\"choices\":[]}");
        }
        assertThat(pool.getTaskCount() - tasksBefore).as("every timed call was handed to the pool").isGreaterThanOrEqualTo(30);
        assertThat(ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - threadsBefore)
                .as("threads started for 30 sequential calls").isLessThan(5);
    }

    @Test
    void repliesPassThroughAndFailuresOpenTheBreakerWithAnEmptyFallback() {
        openai.stubFor(post(urlEqualTo("/v1/chat/completions")).withHeader("Authorization", equalTo("Bearer sk-route-test"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"choices\":[]}")));
        assertThat(extract.requestBody((Object) "{\"model\":\"m\"}", String.class)).isEqualTo("{\"choices\":[]}");

        openai.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(500)));
        assertThat(extract.requestBody((Object) "{}", String.class)).isEmpty();
        assertThat(extract.requestBody((Object) "{}", String.class)).isEmpty();
        ResilienceProcessor breaker = camel.getProcessor("llm-breaker", ResilienceProcessor.class);
        assertThat(breaker.getCircuitBreakerState()).isEqualTo("OPEN");

        int before = openai.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).size();
        assertThat(extract.requestBody((Object) "{}", String.class)).as("open breaker: fallback at once").isEmpty();
        assertThat(openai.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))).hasSize(before);
    }
}
