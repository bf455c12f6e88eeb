package app.bella.understanding;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import app.bella.support.Sql;
import app.bella.testing.BellaServer;
import app.bella.testing.TwilioCaller;
import app.bella.testing.WhisperSettings;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Whisper turn waits for its transcript without holding a thread or a connection: with only four HTTP worker
 * threads, a dozen callers waiting on a slow Whisper leave the probes and the API answering at once; and a turn
 * settled by another instance (PostgreSQL notification) is answered at once, not after the poll's full wait.
 */
class WhisperWaitTest {

    static final String TOKEN = "whisper-wait-token";
    static final String ACCOUNT = "AC" + "2".repeat(32);
    static final int WHISPER_MS = 1_500;
    static final WireMockServer saas = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(64));
    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        saas.start();
        Map<String, String> settings = WhisperSettings.against(saas.baseUrl(), TOKEN, ACCOUNT);
        settings.put("bella.api.bootstrap-api-key", BellaServer.ADMIN_KEY);
        settings.put("bella.http.worker-threads", "4");
        settings.put("bella.stt.first-wait-ms", "8000");
        settings.put("bella.stt.timeout-ms", "12000");
        bella = BellaServer.start(settings);
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
        saas.stop();
    }

    static String recording(String sid, String text, int whisperMillis) {
        saas.stubFor(get(urlEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Recordings/" + sid + ".wav"))
                .willReturn(aResponse().withHeader("Content-Type", "audio/x-wav").withBody("RIFF" + sid)));
        saas.stubFor(post(urlEqualTo("/v1/audio/transcriptions")).withRequestBody(containing("RIFF" + sid))
                .willReturn(aResponse().withFixedDelay(whisperMillis).withHeader("Content-Type", "application/json")
                        .withBody("{\"text\":\"" + text + "\"}")));
        return saas.baseUrl() + "/2010-04-01/Accounts/" + ACCOUNT + "/Recordings/" + sid;
    }

    @Test
    void waitingTurnsLeaveTheWorkersFreeForProbesAndTheApi() throws Exception {
        String[] names = {"Ada Byron", "Alan Turing", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov", "Donald Knuth",
                "Frances Allen", "John Backus", "Radia Perlman", "Ken Thompson", "Leslie Lamport", "Tony Hoare"};
        List<TwilioCaller> callers = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            callers.add(new TwilioCaller(bella.baseUrl(), TOKEN, "+158755570" + String.format("%02d", i)).dial());
        }
        ExecutorService pool = Executors.newFixedThreadPool(names.length);
        try {
            List<Future<TwilioCaller>> turns = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                TwilioCaller c = callers.get(i);
                String sid = "REwait" + i;
                String url = recording(sid, "Hi, this is " + names[i] + ", Friday at 3 pm please", WHISPER_MS);
                turns.add(pool.submit(() -> c.recorded(sid, url, 4)));
            }
            Thread.sleep(500); // every caller now waits for Whisper (1.5 s), more than the four workers could hold
            long slowest = 0;
            for (String path : List.of("/healthz", "/readyz", "/api/services")) {
                long started = System.nanoTime();
                HttpResponse<String> r = bella.get(path, BellaServer.ADMIN_KEY);
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertThat(r.statusCode()).as(path).isEqualTo(200);
                slowest = Math.max(slowest, millis);
            }
            assertThat(slowest).as("slowest probe or API read while 12 turns wait on 4 workers (ms)").isLessThan(700);
            for (int i = 0; i < names.length; i++) {
                TwilioCaller c = turns.get(i).get(30, TimeUnit.SECONDS);
                assertThat(c.ended).as("call %d", i).isNull();
                assertThat(c.lastPrompt()).as("call %d hears its own transcript back", i).contains(names[i]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTurnSettledByAnotherInstanceIsAnsweredAtOnce() throws Exception {
        TwilioCaller c = new TwilioCaller(bella.baseUrl(), TOKEN, "+15875557099").dial();
        String url = recording("REslow", "this never arrives in time", 11_000);
        TwilioCaller.Exchange redirect = c.post(c.currentAction(), Map.of("RecordingSid", "REslow", "RecordingUrl", url,
                "RecordingDuration", "3"));
        Matcher poll = Pattern.compile("<Redirect[^>]*>([^<]+)</Redirect>").matcher(redirect.body());
        assertThat(poll.find()).as("the recorded webhook answers at once with a redirect to the poll: " + redirect.body()).isTrue();
        String pollPath = poll.group(1).replace("&amp;", "&");
        Matcher turn = Pattern.compile("[?&]n=(\\d+)").matcher(pollPath);
        assertThat(turn.find()).isTrue();

        long started = System.nanoTime();
        CompletableFuture<TwilioCaller.Exchange> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return c.post(pollPath, Map.of());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(700);
        assertThat(answer).as("the poll waits while the turn is pending").isNotDone();
        // another instance's worker settles the turn: the same statement the worker runs, on its own connection
        try (Connection conn = bella.jdbc(); PreparedStatement ps = conn.prepareStatement(Sql.get("transcription-finish"))) {
            ps.setString(1, "done");
            ps.setString(2, "I'm Marie Curie, Monday at 10 am");
            ps.setString(3, null);
            for (int i = 4; i <= 7; i++) {
                ps.setObject(i, null);
            }
            ps.setString(8, c.callSid);
            ps.setInt(9, Integer.parseInt(turn.group(1)));
            ps.executeQuery().close();
        }
        TwilioCaller.Exchange answered = answer.get(20, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.body()).contains("Marie Curie");
        assertThat(millis).as("answered soon after the other instance settled it, not after the 8 s wait").isLessThan(3_000);
    }
}
