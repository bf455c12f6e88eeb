package app.bella.understanding;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.apache.camel.CamelContext;

/** Counts which path served each turn: speech engine (twilio/whisper) and extractor (llm/rules), and fallbacks. */
public final class TurnMetrics {

    private final CamelContext camel;
    private volatile MeterRegistry registry;

    public TurnMetrics(CamelContext camel) {
        this.camel = camel;
    }

    public void speech(String engine, boolean fallback) {
        registry().counter("bella.turns.speech", "engine", engine, "fallback", String.valueOf(fallback)).increment();
    }

    public void extraction(String extractor, boolean fallback) {
        registry().counter("bella.turns.extraction", "extractor", extractor, "fallback", String.valueOf(fallback)).increment();
    }

    private MeterRegistry registry() {
        if (registry == null) {
            MeterRegistry found = camel.getRegistry().findSingleByType(MeterRegistry.class);
            registry = found != null ? found : Metrics.globalRegistry;
        }
        return registry;
    }
}
