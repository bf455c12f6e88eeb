package app.bella.voice;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.BellaServer;
import app.bella.testing.ModelReplies;
import app.bella.testing.TwilioCaller;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Admission control through a real Bella, with room for one webhook in progress: while a caller's turn waits for a
 * slow model, a new call is held (a second's pause and a redirect back, no row written), a held call comes back and is
 * served once the turn is done, a call held {@code max-holds} times is admitted even while busy, and the busy turn
 * itself — it carries what the caller said — is never held.
 */
class WebhookAdmissionTest {

    static final String TOKEN = "admission-token";
    static final int MODEL_MILLIS = 2_500;
    static final WireMockServer openai = new WireMockServer(wireMockConfig().dynamicPort());
    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        openai.start();
        ModelReplies.answerSlowly(openai, MODEL_MILLIS, Map.of("name", "luke skywalker"));
        Map<String, String> settings = ModelReplies.bellaAskingTheModel(openai.baseUrl(), TOKEN);
        settings.put("bella.voice.admission.max-in-progress", "1");
        settings.put("bella.voice.admission.max-holds", "3");
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
    void whileATurnIsInProgressNewCallsAreHeldThenServed() throws Exception {
        WebhookAdmission admission = bella.camel().getRegistry().lookupByNameAndType("webhookAdmission", WebhookAdmission.class);
        TwilioCaller talking = new TwilioCaller(bella.baseUrl(), TOKEN, "+15875571001").dial();
        assertThat(talking.currentAction()).as("nothing was in progress: the first call is served").isNotNull();
        long heldBefore = admission.held();

        // "it would be for …": the rules cannot read a name, so the turn waits for the model (2.5 s)
        CompletableFuture<TwilioCaller> turn = CompletableFuture.supplyAsync(() -> {
            try {
                return talking.say("it would be for Luke Skywalker");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ModelReplies.awaitTheModelAsked(openai);

        TwilioCaller newcomer = new TwilioCaller(bella.baseUrl(), TOKEN, "+15875571002");
        TwilioCaller.Exchange held = newcomer.post("/twilio/voice", Map.of("CallStatus", "ringing"));
        assertThat(held.status()).isEqualTo(200);
        assertThat(held.contentType()).startsWith("text/xml");
        assertThat(held.body()).contains("<Pause length=\"1\"/>")
                .contains("<Redirect method=\"POST\">/twilio/voice?hold=1</Redirect>");
        assertThat(calls(newcomer.callSid)).as("a held call writes nothing").isZero();
        assertThat(admission.held()).isEqualTo(heldBefore + 1);

        // a held request's body is read and dropped, however large (past the routes' 1 MB limit): still a hold
        TwilioCaller.Exchange heldLarge = newcomer.post("/twilio/voice", Map.of("Padding", "x".repeat(3_000_000)));
        assertThat(heldLarge.status()).isEqualTo(200);
        assertThat(heldLarge.body()).contains("<Redirect method=\"POST\">/twilio/voice?hold=1</Redirect>");

        // held as often as allowed: admitted although the turn is still in progress
        TwilioCaller.Exchange admitted = newcomer.post("/twilio/voice?hold=3", Map.of());
        assertThat(turn).as("the slow turn is still in progress").isNotDone();
        assertThat(admitted.body()).contains("<Gather").doesNotContain("<Redirect");
        assertThat(calls(newcomer.callSid)).isEqualTo(1);

        TwilioCaller done = turn.get(30, TimeUnit.SECONDS);
        assertThat(done.last.status()).as("the busy turn itself was not held").isEqualTo(200);
        assertThat(done.last.body()).doesNotContain("hold=");

        // nothing in progress any more: a held caller coming back (Twilio follows the redirect) is served
        TwilioCaller later = new TwilioCaller(bella.baseUrl(), TOKEN, "+15875571003");
        assertThat(later.post("/twilio/voice?hold=1", Map.of()).body()).contains("<Gather");
        for (int i = 0; i < 100 && admission.inProgress() > 0; i++) {
            Thread.sleep(20); // counted out when the response has gone, just after the client has read it
        }
        assertThat(admission.inProgress()).as("every admitted webhook was counted out again").isZero();
    }

    private static long calls(String callSid) throws Exception {
        try (Connection c = bella.jdbc(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM call_session WHERE call_sid = ?")) {
            ps.setString(1, callSid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
