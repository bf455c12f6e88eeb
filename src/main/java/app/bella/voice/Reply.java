package app.bella.voice;

import java.util.List;

/**
 * What Bella answers in one turn: something to say, then either a question (gathered by speech, or keypad too)
 * or the end of the call (hang up, or transfer to a person).
 */
public record Reply(String say, String ask, Input input, List<String> hints, Ending ending, String transferTo) {

    public enum Input { SPEECH, SPEECH_OR_KEYPAD }

    public enum Ending { HANGUP, TRANSFER }

    public static Reply ask(String say, String ask, Input input, List<String> hints) {
        return new Reply(say, ask, input, hints, null, null);
    }

    public static Reply hangUp(String say) {
        return new Reply(say, null, null, List.of(), Ending.HANGUP, null);
    }

    public static Reply transfer(String say, String number) {
        return new Reply(say, null, null, List.of(), Ending.TRANSFER, number);
    }

    /** Everything Bella speaks in this turn, as the caller hears it. */
    public String spoken() {
        if (say == null || say.isBlank()) {
            return ask == null ? "" : ask;
        }
        return ask == null ? say : say + " " + ask;
    }
}
