package app.bella.voice;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.BellaServer;
import app.bella.testing.ModelReplies;
import app.bella.testing.TwilioCaller;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model is asked with no database connection held: 20 calls at once whose answers the rules cannot read, against
 * a model that takes 2 s, on a pool of 10 connections (half the callers). Every webhook answers the model's reading as TwiML,
 * no request ever waits for a pooled connection, and readiness (which needs a connection) answers at once while the
 * 20 model calls are in flight.
 */
class ModelTurnsUnderLoadTest {

    static final String TOKEN = "model-load-token";
    static final int CALLS = 20;
    static final int MODEL_MILLIS = 2_000;
    static final WireMockServer openai = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(64));
    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        openai.start();
        ModelReplies.answerSlowly(openai, MODEL_MILLIS, Map.of("name", "luke skywalker"));
        Map<String, String> settings = ModelReplies.bellaAskingTheModel(openai.baseUrl(), TOKEN);
        settings.put("bella.breaker.minimum-calls", "50");
        settings.put("bella.db.pool-size", "10"); // fewer connections than callers: holding one while the model thinks would show
        bella = BellaServer.start(settings);
    }

    @AfterAll
    static void stop() throws Exception {
        if (bella != null) {
            bella.close();
        }
        openai.stop();
    }

    @Test
    void twentyCallsWaitingForASlowModelHoldNoConnection() throws Exception {
        HikariPoolMXBean pool = bella.camel().getRegistry().lookupByNameAndType("dataSource", HikariDataSource.class)
                .getHikariPoolMXBean();
        assertThat(bella.camel().getRegistry().lookupByNameAndType("dataSource", HikariDataSource.class)
                .getMaximumPoolSize()).as("fewer connections than callers").isLessThan(CALLS);
        List<TwilioCaller> callers = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            callers.add(new TwilioCaller(bella.baseUrl(), TOKEN, "+1587557" + String.format("%04d", i)).dial());
        }
        openai.resetRequests();
        ExecutorService threads = Executors.newFixedThreadPool(CALLS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<TwilioCaller>> turns = new ArrayList<>();
            for (TwilioCaller c : callers) {
                // "it would be for …": no name the rules can read, so the model is asked
                turns.add(threads.submit(() -> {
                    go.await();
                    return c.say("it would be for Luke Skywalker");
                }));
            }
            go.countDown();
            waitForModelCalls(CALLS);

            // all 20 model calls are in flight now (each takes 2 s): the pool is idle, readiness answers at once
            int waiting = pool.getThreadsAwaitingConnection();
            int active = pool.getActiveConnections();
            long t0 = System.nanoTime();
            HttpResponse<String> ready = bella.get("/readyz");
            long readyMillis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(turns).as("every turn still waiting for the model").noneMatch(Future::isDone);
            assertThat(waiting).as("threads waiting for a pooled connection").isZero();
            assertThat(active).as("connections held while the model is asked").isLessThanOrEqualTo(1);
            assertThat(ready.statusCode()).as("/readyz while the model calls are in flight: " + ready.body()).isEqualTo(200);
            assertThat(readyMillis).as("/readyz answered in ms").isLessThan(500);

            for (Future<TwilioCaller> turn : turns) {
                TwilioCaller c = turn.get(30, TimeUnit.SECONDS);
                assertThat(c.last.status()).as("webhook status").isEqualTo(200);
                assertThat(c.last.contentType()).startsWith("text/xml");
                assertThat(c.ended).as("the call goes on").isNull();
                assertThat(c.lastPrompt()).as("the model's reading was used, no apology")
                        .contains("Thank you, Luke Skywalker").doesNotContain("something went wrong");
            }
        } finally {
            threads.shutdownNow();
        }
        openai.verify(CALLS, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertThat(pool.getThreadsAwaitingConnection()).isZero();
    }

    /** Waits until WireMock has received {@code n} requests (they are then all waiting out the 2 s delay). */
    private static void waitForModelCalls(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (openai.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).size() < n) {
            assertThat(System.nanoTime()).as(n + " model calls in flight within 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
