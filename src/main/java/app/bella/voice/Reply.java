package app.bella.voice;

import java.util.List;

/**
 * What Bella answers in one turn: something to say, then either a question (gathered by speech, or keypad too)
 * or the end of the call (hang up, or transfer to a person).
 */
public record Reply(String say, String ask, Input input, List<String> hints, Ending ending, String transferTo) {

    public enum Input { SPEECH, SPEECH_OR_KEYPAD }

    public enum Ending { HANGUP, TRANSFER }

    /** Speech hints for a question about when. */
    static final List<String> TIME_HINTS = List.of("tomorrow", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "morning", "afternoon", "AM", "PM");

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
    /** Two sentences said one after the other; either may be empty. */
    static String join(String a, String b) {
        if (a == null || a.isBlank()) {
            return b;
        }
        return b == null || b.isBlank() ? a : a + " " + b;
    }
}
