package app.bella.understanding;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.apache.camel.CamelContext;

/**
 * Counts which path served each turn: speech engine (twilio/whisper) and extractor (llm/rules), and fallbacks; and
 * what audio preprocessing saved before Whisper ({@code bella_audio_bytes_saved_total}, {@code bella_audio_seconds_saved_total}).
 */
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

    public void audioSaved(long bytes, double seconds) {
        registry().counter("bella.audio.preprocessed").increment();
        registry().counter("bella.audio.bytes.saved").increment(Math.max(0, bytes));
        registry().counter("bella.audio.seconds.saved").increment(Math.max(0, seconds));
    }

    private MeterRegistry registry() {
        if (registry == null) {
            MeterRegistry found = camel.getRegistry().findSingleByType(MeterRegistry.class);
            registry = found != null ? found : Metrics.globalRegistry;
        }
        return registry;
    }
}
