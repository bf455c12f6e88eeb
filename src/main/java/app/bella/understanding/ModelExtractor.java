package app.bella.understanding;

import app.bella.nlu.Expect;
import java.util.Optional;

/** A language-model reading of one utterance; empty when the model is off, failing, or its answer is unusable. */
public interface ModelExtractor {

    Optional<ModelReading> read(String callSid, String text, Expect expect);

    /** No model: the rules alone. */
    ModelExtractor NONE = (callSid, text, expect) -> Optional.empty();
}
