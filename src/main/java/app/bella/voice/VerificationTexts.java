package app.bella.voice;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Sends a verification code through the voice-verification-sms route (the customer-SMS breaker and the
 * twilio-sms-sink Kamelet), once: the caller is waiting on the line, so a failure is reported at once, not retried.
 */
public final class VerificationTexts implements CallerVerification.TextSender {

    static final String ENDPOINT = "direct:voice-verification-sms";

    private final CamelContext camel;
    private volatile ProducerTemplate template;

    public VerificationTexts(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public boolean send(String to, String text) {
        Exchange result = template().send(ENDPOINT, exchange -> {
            exchange.getMessage().setBody(text);
            exchange.getMessage().setHeader("to", to);
        });
        return result.getException() == null;
    }

    private ProducerTemplate template() {
        ProducerTemplate t = template;
        if (t == null) {
            synchronized (this) {
                if (template == null) {
                    template = camel.createProducerTemplate();
                }
                t = template;
            }
        }
        return t;
    }
}
