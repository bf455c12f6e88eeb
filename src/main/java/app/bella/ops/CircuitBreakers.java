package app.bella.ops;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.apache.camel.model.CircuitBreakerDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;

/** Every circuit breaker in the routes (Kamelet routes included): read by the breaker alert rule and the unified API. */
public final class CircuitBreakers {

    private CircuitBreakers() {
    }

    /** Each breaker with an id and its current state, in route order. */
    public static List<BreakerRule.BreakerState> states(CamelContext camel) {
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        Set<String> ids = new LinkedHashSet<>();
        for (RouteDefinition route : model.getRouteDefinitions()) {
            for (CircuitBreakerDefinition cb : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(),
                    CircuitBreakerDefinition.class)) {
                if (cb.getId() != null) {
                    ids.add(cb.getId());
                }
            }
        }
        List<BreakerRule.BreakerState> out = new ArrayList<>();
        for (String id : ids) {
            ResilienceProcessor p = camel.getProcessor(id, ResilienceProcessor.class);
            if (p != null) {
                out.add(new BreakerRule.BreakerState(id, p.getCircuitBreakerState()));
            }
        }
        return out;
    }
}
