package app.bella.understanding;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.apache.camel.CamelContext;

/** Counts which path served each turn: speech engine (twilio/whisper) and extractor (llm/rules), and fallbacks. */
public final class TurnMetrics {

    private final CamelContext camel;
    private volatile MeterRegistry registry;
    /** Whether the model read the turn being answered on this thread (the extractor runs on the turn's thread). */
    private final ThreadLocal<String> turnExtractor = new ThreadLocal<>();

    public TurnMetrics(CamelContext camel) {
        this.camel = camel;
    }

    public void speech(String engine, boolean fallback) {
        registry().counter("bella.turns.speech", "engine", engine, "fallback", String.valueOf(fallback)).increment();
    }

    public void extraction(String extractor, boolean fallback) {
        if ("llm".equals(extractor)) {
            turnExtractor.set("model");
        }
        registry().counter("bella.turns.extraction", "extractor", extractor, "fallback", String.valueOf(fallback)).increment();
    }

    /** A turn starts on this thread: forget what the previous one used. */
    public void turnStarted() {
        turnExtractor.remove();
    }

    /** The extraction path of the turn answered on this thread since {@link #turnStarted()}: model or rules. */
    public String turnExtractor() {
        String used = turnExtractor.get();
        turnExtractor.remove();
        return used == null ? "rules" : used;
    }

    private MeterRegistry registry() {
        if (registry == null) {
            MeterRegistry found = camel.getRegistry().findSingleByType(MeterRegistry.class);
            registry = found != null ? found : Metrics.globalRegistry;
        }
        return registry;
    }
}
