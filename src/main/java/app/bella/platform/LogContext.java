package app.bella.platform;

import java.util.regex.Pattern;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.slf4j.MDC;

/**
 * Puts the ids a log line needs into the MDC around every step of every route: {@code callSid} for a phone call,
 * {@code messageSid} for an SMS, {@code requestId} for an HTTP request (see {@link RequestIds}), {@code eventKey}
 * for a Kafka record. The ids are read from the exchange (Twilio's form fields, Bella's own headers) on first sight
 * and kept as exchange properties, so they survive {@code removeHeaders} and every thread hop: whichever thread runs
 * the next step (a SEDA worker, a Kafka consumer, a breaker's timeout thread) logs with them. Registered as a bean
 * ({@code camel.beans.logContext}); camel-main applies every InterceptStrategy in the registry to all routes.
 */
public final class LogContext implements InterceptStrategy {

    static final String CALL_SID = "callSid";
    static final String MESSAGE_SID = "messageSid";
    static final String REQUEST_ID = "requestId";
    static final String EVENT_KEY = "eventKey";
    private static final String[] KEYS = {CALL_SID, MESSAGE_SID, REQUEST_ID, EVENT_KEY};
    private static final String PREFIX = "bella.log.";
    /** Twilio SIDs and our own ids: letters, digits, dash, dot, underscore; nothing a caller could forge into a log. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,80}");

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target, Processor nextTarget) {
        return new DelegateAsyncProcessor(target) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                String[] previous = enter(exchange);
                try {
                    return processor.process(exchange, callback);
                } finally {
                    leave(previous);
                }
            }

            @Override
            public String toString() {
                return "LogContext[" + processor + "]";
            }
        };
    }

    private static String[] enter(Exchange exchange) {
        remember(exchange, CALL_SID, "CallSid", "BellaCallSid");
        remember(exchange, MESSAGE_SID, "MessageSid", "SmsSid");
        remember(exchange, REQUEST_ID, RequestIds.HEADER);
        remember(exchange, EVENT_KEY, "kafka.KEY");
        String[] previous = new String[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            previous[i] = MDC.get(KEYS[i]);
            String value = exchange.getProperty(PREFIX + KEYS[i], String.class);
            if (value != null) {
                MDC.put(KEYS[i], value);
            } else {
                MDC.remove(KEYS[i]);
            }
        }
        return previous;
    }

    private static void leave(String[] previous) {
        for (int i = 0; i < KEYS.length; i++) {
            if (previous[i] == null) {
                MDC.remove(KEYS[i]);
            } else {
                MDC.put(KEYS[i], previous[i]);
            }
        }
    }

    private static void remember(Exchange exchange, String key, String... headers) {
        if (exchange.getProperty(PREFIX + key) != null) {
            return;
        }
        for (String header : headers) {
            Object value = exchange.getMessage().getHeader(header);
            if (value != null && SAFE.matcher(value.toString()).matches()) {
                exchange.setProperty(PREFIX + key, value.toString());
                return;
            }
        }
    }
}
