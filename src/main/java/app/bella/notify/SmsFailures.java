package app.bella.notify;

import app.bella.support.Phones;

import com.twilio.exception.ApiException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.camel.Exchange;

/**
 * Tells a final refusal from a transient failure when sending an SMS (bound as {@code smsFailures}, used inside the
 * circuit breaker of the notify-sms-send route), and reads what a failure was for the notification's record.
 */
public final class SmsFailures {

    static final String REJECTED = "BellaSmsRejected";

    /**
     * doCatch step inside the breaker: a transient failure is thrown again (the breaker counts it, Camel redelivers);
     * a refusal is kept aside on the exchange, so the breaker counts a success (Twilio answered) and
     * {@link #raiseRejection} fails the exchange after the breaker, without redelivery.
     */
    public void classify(Exchange exchange) throws Exception {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (caught == null) {
            return;
        }
        if (!isPermanent(caught)) {
            throw caught;
        }
        ApiException api = find(caught, ApiException.class);
        exchange.setProperty(REJECTED, new SmsRejectedException(describe(caught),
                api == null || api.getCode() == null ? null : String.valueOf(api.getCode())));
    }

    /** Step after the breaker: a refusal kept aside by {@link #classify} fails the exchange now (not redelivered). */
    public void raiseRejection(Exchange exchange) {
        SmsRejectedException rejected = exchange.getProperty(REJECTED, SmsRejectedException.class);
        if (rejected != null) {
            throw rejected;
        }
    }

    /** Twilio answered 4xx (but not 429, too many requests), or the number is not E.164 at all. */
    static boolean isPermanent(Throwable e) {
        ApiException api = find(e, ApiException.class);
        if (api != null) { // connection failures are ApiConnectionException: transient
            Integer status = api.getStatusCode();
            return status != null && status >= 400 && status < 500 && status != 429;
        }
        IllegalArgumentException invalid = find(e, IllegalArgumentException.class);
        return invalid != null && String.valueOf(invalid.getMessage()).contains("E.164");
    }

    /**
     * Twilio certainly did not take the message: it answered 5xx or 429, or no connection could be made. Not a
     * timeout after the request went out (Twilio may have sent it), nor an answer without a status.
     */
    static boolean notTaken(Throwable e) {
        ApiException api = find(e, ApiException.class);
        Integer status = api == null ? null : api.getStatusCode();
        if (status != null) {
            return status >= 500 || status == 429;
        }
        return find(e, java.net.ConnectException.class) != null || find(e, java.net.UnknownHostException.class) != null;
    }

    static boolean isBreakerOpen(Throwable e) {
        return find(e, CallNotPermittedException.class) != null;
    }

    /** Twilio's error code when there is one. */
    static String errorCode(Throwable e) {
        SmsRejectedException rejected = find(e, SmsRejectedException.class);
        if (rejected != null && rejected.errorCode() != null) {
            return rejected.errorCode();
        }
        ApiException api = find(e, ApiException.class);
        return api == null || api.getCode() == null ? null : String.valueOf(api.getCode());
    }

    /** The most telling message in the chain, with phone numbers masked (it is stored and published). */
    static String describe(Throwable e) {
        SmsRejectedException rejected = find(e, SmsRejectedException.class);
        if (rejected != null) {
            return rejected.getMessage();
        }
        ApiException api = find(e, ApiException.class);
        Throwable telling = api != null ? api : root(e);
        String message = telling.getMessage();
        String text = telling.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
        if (api != null && api.getStatusCode() != null) {
            text = "HTTP " + api.getStatusCode() + " " + text;
        }
        text = Phones.maskAll(text);
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    private static Throwable root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
