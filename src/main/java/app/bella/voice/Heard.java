package app.bella.voice;

import app.bella.nlu.Expect;
import app.bella.nlu.Extraction;
import app.bella.understanding.ModelReading;

/**
 * What the caller's words of one turn were understood as, worked out before the call row is locked: for the step the
 * call was on and the {@link Expect} of that step (null: open), by the rules, with the model's reading merged in when
 * it was asked. {@code listened} false: this turn reads no words (silence, goodbye, a code, Whisper gave up…).
 */
public record Heard(boolean listened, Step step, Expect expect, String text, Extraction extraction, ModelReading reading,
                    boolean modelWanted) {

    static Heard nothing(Step step) {
        return new Heard(false, step, null, null, Extraction.EMPTY, null, false);
    }

    /** Whether this understanding answers a reading of {@code in} for {@code expect} on the call's current step. */
    boolean covers(CallState s, TurnInput in, Expect expect) {
        // speech is read the same on every step; the keypad's meaning depends on the step
        return listened && expect == this.expect && (in.speech() != null || step == s.step);
    }
}
