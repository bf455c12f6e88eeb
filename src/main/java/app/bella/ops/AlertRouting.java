package app.bella.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which channels a notification goes to: by severity for raises, recoveries and escalations
 * ({@code bella.alerts.route.<severity>}), SMS to the on-call number for the last escalation step, and every
 * routed channel for a test alert. A channel named {@code x} is the route {@code direct:alerts-channel-x}.
 */
public final class AlertRouting {

    private final Map<Severity, List<String>> bySeverity;

    public AlertRouting(Map<Severity, List<String>> bySeverity) {
        this.bySeverity = new EnumMap<>(bySeverity);
    }

    /** Reads {@code bella.alerts.route.critical|high|medium|low}: comma-separated channel names. */
    public static AlertRouting from(Function<String, String> properties) {
        Map<Severity, List<String>> routes = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            routes.put(s, channels(properties.apply("bella.alerts.route." + s.wire())));
        }
        return new AlertRouting(routes);
    }

    static List<String> channels(String spec) {
        if (spec == null || spec.isBlank()) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String c : spec.split(",")) {
            String name = c.strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                if (!name.matches("[a-z0-9][a-z0-9-]*")) {
                    throw new IllegalArgumentException("Alert channel names are kebab-case: '" + c + "'");
                }
                out.add(name);
            }
        }
        return List.copyOf(out);
    }

    public List<String> channels(Notice.Kind kind, Severity severity) {
        return switch (kind) {
            case RAISED, RECOVERY, ESCALATION -> bySeverity.getOrDefault(severity, List.of());
            case ONCALL -> List.of("sms");
            case TEST -> all();
        };
    }

    /** Every channel some severity is routed to. */
    public List<String> all() {
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(Severity.values()).forEach(s -> out.addAll(bySeverity.getOrDefault(s, List.of())));
        return new ArrayList<>(out);
    }
}
