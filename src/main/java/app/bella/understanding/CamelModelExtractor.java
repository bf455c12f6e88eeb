package app.bella.understanding;

import app.bella.nlu.Expect;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model asked through the {@code understanding-extract} route (circuit breaker, OpenAI-compatible endpoint) from
 * outside a call turn (the parse API's {@code path: model}); request and reading are {@link ModelExtraction}'s, as in a
 * call. Any failure, an open breaker or an unusable reply gives an empty reading: the rules then decide alone.
 */
public final class CamelModelExtractor implements ModelExtractor {

    private static final Logger LOG = LoggerFactory.getLogger(CamelModelExtractor.class);

    private final CamelContext camel;
    private final ModelExtraction extraction;
    private volatile ProducerTemplate template;

    public CamelModelExtractor(CamelContext camel, ModelExtraction extraction) {
        this.camel = camel;
        this.extraction = extraction;
    }

    @Override
    public Optional<ModelReading> read(String callSid, String text, Expect expect) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String reply;
        try {
            reply = template().requestBody("direct:understanding-extract", extraction.request(text, expect), String.class);
        } catch (RuntimeException e) {
            LOG.warn("model extraction failed: {}", e.toString());
            reply = null; // the route failed outright: as the breaker's fallback
        }
        return extraction.reading(callSid, reply);
    }

    private ProducerTemplate template() {
        if (template == null) {
            template = camel.createProducerTemplate();
        }
        return template;
    }
}
