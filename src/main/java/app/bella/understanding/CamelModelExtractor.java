package app.bella.understanding;

import app.bella.nlu.Expect;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model behind the {@code understanding-extract} route (circuit breaker, OpenAI-compatible endpoint). Any
 * failure, an open breaker or an unusable reply gives an empty reading: the rules then decide alone.
 */
public final class CamelModelExtractor implements ModelExtractor {

    private static final Logger LOG = LoggerFactory.getLogger(CamelModelExtractor.class);

    private final CamelContext camel;
    private final ChatExtractionCodec codec;
    private final CostLedger costs;
    private final TurnMetrics metrics;
    private volatile ProducerTemplate template;

    /** {@code metrics}: null when the readings are not call turns (the parse API), so they are not counted as such. */
    public CamelModelExtractor(CamelContext camel, ChatExtractionCodec codec, CostLedger costs, TurnMetrics metrics) {
        this.camel = camel;
        this.codec = codec;
        this.costs = costs;
        this.metrics = metrics;
    }

    @Override
    public Optional<ModelReading> read(String callSid, String text, Expect expect) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            String reply = template().requestBody("direct:understanding-extract", codec.request(text, expect), String.class);
            if (reply == null || reply.isBlank()) {
                count("rules", true);
                return Optional.empty(); // the breaker's fallback
            }
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

    private ProducerTemplate template() {
        if (template == null) {
            template = camel.createProducerTemplate();
        }
        return template;
    }
}
