package app.bella.platform;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.BellaServer;
import app.bella.testing.TwilioCaller;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A stopping instance leaves the load balancer before it stops serving: during the drain /readyz answers 503
 * "shutting down" while webhooks are still answered, so requests a balancer sends meanwhile are not lost.
 */
class ShutdownDrainTest {

    @Test
    void readinessFallsFirstAndWebhooksAreStillAnsweredDuringTheDrain() throws Exception {
        BellaServer bella = BellaServer.start(Map.of("bella.shutdown.drain-ms", "2500",
                "bella.twilio.auth-token", "drain-token"));
        assertThat(bella.get("/readyz").statusCode()).isEqualTo(200);
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            try {
                bella.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        HttpResponse<String> ready = bella.get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("shutting down");
        TwilioCaller.Exchange call = new TwilioCaller(bella.baseUrl(), "drain-token", "+15875557111")
                .post("/twilio/voice", Map.of("CallStatus", "ringing"));
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.body()).contains("<Gather");
        assertThat(stopping).as("still draining").isNotDone();
        stopping.get(60, TimeUnit.SECONDS);
    }
}
