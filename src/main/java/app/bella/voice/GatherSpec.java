package app.bella.voice;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Attributes of a TwiML {@code <Gather>}. Null fields are omitted from the XML so Twilio's
 * defaults apply. Create with {@link #speech}, {@link #dtmf} or {@link #speechOrDtmf} and refine
 * with the {@code with...} methods.
 */
public record GatherSpec(String input, String action, String method, Integer timeout, String speechTimeout,
                         Integer numDigits, String finishOnKey, String hints, String language,
                         String speechModel, Boolean actionOnEmptyResult) {

    private static final Set<String> INPUTS = Set.of("speech", "dtmf", "speech dtmf", "dtmf speech");

    public GatherSpec {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(action, "action");
        if (!INPUTS.contains(input)) {
            throw new IllegalArgumentException("input must be speech, dtmf or 'speech dtmf', was '" + input + "'");
        }
        if (timeout != null && timeout < 1) {
            throw new IllegalArgumentException("timeout must be at least 1 second, was " + timeout);
        }
        if (numDigits != null && numDigits < 1) {
            throw new IllegalArgumentException("numDigits must be at least 1, was " + numDigits);
        }
    }

    /**
     * Speech input posted to {@code action}: speechTimeout "auto" ends the turn when the caller
     * pauses, and actionOnEmptyResult makes silence reach our handler instead of falling through.
     */
    public static GatherSpec speech(String action) {
        return new GatherSpec("speech", action, "POST", 5, "auto", null, null, null, null, null, Boolean.TRUE);
    }

    /** Keypad input of exactly {@code numDigits} digits (or ended by '#'). */
    public static GatherSpec dtmf(String action, int numDigits) {
        return new GatherSpec("dtmf", action, "POST", 5, null, numDigits, "#", null, null, null, Boolean.TRUE);
    }

    /** Either speech or keypad, whichever the caller uses first. */
    public static GatherSpec speechOrDtmf(String action) {
        return new GatherSpec("speech dtmf", action, "POST", 5, "auto", null, "#", null, null, null, Boolean.TRUE);
    }

    public GatherSpec withInput(String newInput) {
        return new GatherSpec(newInput, action, method, timeout, speechTimeout, numDigits, finishOnKey, hints,
                language, speechModel, actionOnEmptyResult);
    }

    public GatherSpec withMethod(String newMethod) {
        return new GatherSpec(input, action, newMethod, timeout, speechTimeout, numDigits, finishOnKey, hints,
                language, speechModel, actionOnEmptyResult);
    }

    public GatherSpec withTimeout(Integer newTimeout) {
        return new GatherSpec(input, action, method, newTimeout, speechTimeout, numDigits, finishOnKey, hints,
                language, speechModel, actionOnEmptyResult);
    }

    public GatherSpec withSpeechTimeout(String newSpeechTimeout) {
        return new GatherSpec(input, action, method, timeout, newSpeechTimeout, numDigits, finishOnKey, hints,
                language, speechModel, actionOnEmptyResult);
    }

    public GatherSpec withNumDigits(Integer newNumDigits) {
        return new GatherSpec(input, action, method, timeout, speechTimeout, newNumDigits, finishOnKey, hints,
                language, speechModel, actionOnEmptyResult);
    }

    public GatherSpec withFinishOnKey(String newFinishOnKey) {
        return new GatherSpec(input, action, method, timeout, speechTimeout, numDigits, newFinishOnKey, hints,
                language, speechModel, actionOnEmptyResult);
    }

    /** Words or phrases likely to be said (names, services); joined with commas as Twilio expects. */
    public GatherSpec withHints(List<String> phrases) {
        String joined = phrases == null || phrases.isEmpty() ? null : String.join(", ", phrases);
        return new GatherSpec(input, action, method, timeout, speechTimeout, numDigits, finishOnKey, joined,
                language, speechModel, actionOnEmptyResult);
    }

    public GatherSpec withLanguage(String newLanguage) {
        return new GatherSpec(input, action, method, timeout, speechTimeout, numDigits, finishOnKey, hints,
                newLanguage, speechModel, actionOnEmptyResult);
    }

    public GatherSpec withSpeechModel(String newSpeechModel) {
        return new GatherSpec(input, action, method, timeout, speechTimeout, numDigits, finishOnKey, hints,
                language, newSpeechModel, actionOnEmptyResult);
    }

    public GatherSpec withActionOnEmptyResult(Boolean newActionOnEmptyResult) {
        return new GatherSpec(input, action, method, timeout, speechTimeout, numDigits, finishOnKey, hints,
                language, speechModel, newActionOnEmptyResult);
    }
}
