package app.bella.voice;

/** A webhook whose X-Twilio-Signature is missing or wrong: answered with 403 and no effect. */
public final class ForgedWebhookException extends RuntimeException {

    public ForgedWebhookException(String message) {
        super(message, null, false, false);
    }
}
