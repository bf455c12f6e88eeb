package app.bella.ops;

import app.bella.costs.CallCosts;
import app.bella.costs.CostReport;
import app.bella.platform.AdjustableClock;
import app.bella.understanding.CostLedger;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;

/** Builds the cost, service-level and console beans (issue 12) and binds them under the names the routes use. */
public final class OpsBeans {

    private OpsBeans() {
    }

    /** @param properties resolves a property name to its value ("" when unset) */
    public static void bind(CamelContext camel, DataSource dataSource, AdjustableClock clock, ZoneId zone,
                            Function<String, String> properties, CostLedger ledger) {
        AlertService alerts = camel.getRegistry().lookupByNameAndType("alerts", AlertService.class);
        CostReport report = new CostReport(dataSource, clock, zone, ledger.prices());
        CallCosts callCosts = new CallCosts(dataSource, ledger, list(properties.apply("bella.cost.test-numbers")),
                end -> { }, clock);
        UnifiedApi unified = new UnifiedApi(camel, report, alerts);
        camel.getRegistry().bind("callCosts", callCosts);
        camel.getRegistry().bind("costReport", report);
        camel.getRegistry().bind("unifiedApi", unified);
    }

    static Set<String> list(String spec) {
        return spec == null ? Set.of() : Arrays.stream(spec.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
