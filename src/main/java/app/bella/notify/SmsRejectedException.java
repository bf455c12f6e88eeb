package app.bella.notify;

/**
 * Twilio refused a message for a reason a retry cannot fix (an invalid or unreachable number, a blocked recipient):
 * not retried, and not counted against Twilio's health by the circuit breaker.
 */
public final class SmsRejectedException extends RuntimeException {

    private final String errorCode;

    /** No cause on purpose: Camel matches onException clauses on the whole cause chain, and this one must win. */
    public SmsRejectedException(String message, String errorCode) {
        super(message);
        this.errorCode = errorCode;
    }

    /** Twilio's error code (e.g. 21211), or null. */
    public String errorCode() {
        return errorCode;
    }
}
