package app.bella.platform;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.BellaServer;
import app.bella.testing.ModelReplies;
import app.bella.testing.TwilioCaller;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Both probes answer while every worker thread is taken: a Bella with one worker thread, held by a caller's turn that
 * waits for a slow model, still answers /healthz and /readyz at once, while an API read waits for the worker.
 */
class ProbesTest {

    static final String TOKEN = "probes-token";

    @Test
    void probesAnswerWhileEveryWorkerThreadIsBusy() throws Exception {
        WireMockServer openai = new WireMockServer(wireMockConfig().dynamicPort());
        openai.start();
        ModelReplies.answerSlowly(openai, 4_000, Map.of("name", "luke skywalker"));
        Map<String, String> settings = ModelReplies.bellaAskingTheModel(openai.baseUrl(), TOKEN);
        settings.put("bella.http.worker-threads", "1");
        try (BellaServer bella = BellaServer.start(settings)) {
            TwilioCaller caller = new TwilioCaller(bella.baseUrl(), TOKEN, "+15875572001").dial();
            CompletableFuture<TwilioCaller> turn = CompletableFuture.supplyAsync(() -> {
                try {
                    return caller.say("it would be for Luke Skywalker"); // the rules miss: the model is asked
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ModelReplies.awaitTheModelAsked(openai); // the turn holds the only worker thread while it waits

            CompletableFuture<HttpResponse<String>> apiRead = bella.http().sendAsync(
                    java.net.http.HttpRequest.newBuilder(bella.uri("/api/services")).header("X-API-Key", BellaServer.ADMIN_KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            long started = System.nanoTime();
            HttpResponse<String> liveness = bella.get("/healthz");
            HttpResponse<String> readiness = bella.get("/readyz");
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(liveness.statusCode()).isEqualTo(200);
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
            assertThat(readiness.body()).contains("\"database\":\"UP\"").contains("\"routes\":\"UP\"");
            assertThat(readiness.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(turn).as("the worker thread is still taken by the turn").isNotDone();
            assertThat(apiRead).as("an API read needs the worker thread and waits for it").isNotDone();
            assertThat(tookMillis).as("both probes answered without a worker thread").isLessThan(2_000);

            assertThat(turn.get(30, TimeUnit.SECONDS).last.status()).isEqualTo(200);
            assertThat(apiRead.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        } finally {
            openai.stop();
        }
    }
}
