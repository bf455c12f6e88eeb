package app.bella.understanding;

import app.bella.nlu.Expect;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Both ends of the {@code understanding-extract} route (circuit breaker, OpenAI-compatible endpoint): the request for
 * one utterance, and the reading of the reply. An empty reply (the breaker's fallback) or an unusable one gives an
 * empty reading: the rules then decide alone.
 */
public final class ModelExtraction {

    private static final Logger LOG = LoggerFactory.getLogger(ModelExtraction.class);

    private final ChatExtractionCodec codec;
    private final CostLedger costs;
    private final TurnMetrics metrics;

    /** {@code metrics}: null when the readings are not call turns (the parse API), so they are not counted as such. */
    public ModelExtraction(ChatExtractionCodec codec, CostLedger costs, TurnMetrics metrics) {
        this.codec = codec;
        this.costs = costs;
        this.metrics = metrics;
    }

    /** The chat-completions request body asking about {@code text}, focused on what the step expects. */
    public String request(String text, Expect expect) {
        return codec.request(text, expect);
    }

    /** The model's reading in the route's reply; its tokens are added to the call's costs. */
    public Optional<ModelReading> reading(String callSid, String reply) {
        if (reply == null || reply.isBlank()) {
            count("rules", true);
            return Optional.empty(); // the breaker's fallback
        }
        try {
            ChatExtractionCodec.Result result = codec.parse(reply);
            costs.llm(callSid, result.inputTokens(), result.outputTokens());
            count("llm", false);
            return Optional.of(result.reading());
        } catch (ChatExtractionCodec.UnusableReply e) {
            LOG.warn("model reply not used: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("model extraction failed: {}", e.toString());
        }
        count("rules", true);
        return Optional.empty();
    }

    private void count(String extractor, boolean fallback) {
        if (metrics != null) {
            metrics.extraction(extractor, fallback);
        }
    }
}
