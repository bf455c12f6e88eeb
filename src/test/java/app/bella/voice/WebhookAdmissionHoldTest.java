package app.bella.voice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The hold's redirect: the same request again, with its hold counted in the URL and every other parameter kept. */
class WebhookAdmissionHoldTest {

    @Test
    void theHoldCountIsAppendedOrReplacedAndNothingElseChanges() {
        assertThat(WebhookAdmission.withHolds("/twilio/voice", 1)).isEqualTo("/twilio/voice?hold=1");
        assertThat(WebhookAdmission.withHolds("/twilio/voice?", 1)).isEqualTo("/twilio/voice?hold=1");
        String poll = "/twilio/voice/poll?n=3&t=1&call=CA0123456789abcdef0123456789abcdef";
        assertThat(WebhookAdmission.withHolds(poll, 1)).isEqualTo(poll + "&hold=1");
        assertThat(WebhookAdmission.withHolds("/twilio/voice/poll?n=3&hold=4&t=1", 5)).isEqualTo("/twilio/voice/poll?n=3&t=1&hold=5");
        assertThat(WebhookAdmission.withHolds("/twilio/voice?hold&holder=x", 2)).isEqualTo("/twilio/voice?holder=x&hold=2");
    }

    @Test
    void aHoldIsASecondsPauseThenTheRedirectAsTwiml() {
        assertThat(WebhookAdmission.holdTwiml("/twilio/voice/poll?n=2&t=0&call=CA1", 0))
                .isEqualTo(Twiml.DECLARATION + "<Response><Pause length=\"1\"/>"
                        + "<Redirect method=\"POST\">/twilio/voice/poll?n=2&amp;t=0&amp;call=CA1&amp;hold=1</Redirect></Response>");
    }

    @Test
    void onlyANewCallsFirstRequestAndAPollMayBeHeld() {
        assertThat(WebhookAdmission.holdable("/twilio/voice")).isTrue();
        assertThat(WebhookAdmission.holdable(CallFlow.POLL_PATH)).isTrue();
        assertThat(WebhookAdmission.holdable(CallFlow.TURN_PATH)).as("carries what the caller said").isFalse();
        assertThat(WebhookAdmission.holdable(CallFlow.RECORDED_PATH)).as("carries the recording").isFalse();
        assertThat(WebhookAdmission.holdable("/twilio/status")).isFalse();
        assertThat(WebhookAdmission.holdable("/twilio/sms")).isFalse();
    }

    @Test
    void aHoldCountThatIsNotANumberCountsAsNone() {
        assertThat(WebhookAdmission.holds(null)).isZero();
        assertThat(WebhookAdmission.holds("x")).isZero();
        assertThat(WebhookAdmission.holds("-4")).isZero();
        assertThat(WebhookAdmission.holds("7")).isEqualTo(7);
    }
}
