package app.bella.api;

import app.bella.api.model.CostBodies.GuardOverride;
import app.bella.costs.BudgetGuard;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Locale;
import org.apache.camel.Exchange;

/**
 * POST /api/costs/guard {mode?, budget?, reason?}: an operator forces the guard's mode (normal, saving, exhausted)
 * and/or raises the month's budget; DELETE /api/costs/guard gives the decision back to the guard. Both answer the
 * guard's state after re-judging at once. Write scope. Bound as {@code budgetGuardApi}.
 */
public final class BudgetGuardApi {

    private final BudgetGuard guard;
    private final Clock clock;

    public BudgetGuardApi(BudgetGuard guard, Clock clock) {
        this.guard = guard;
        this.clock = clock;
    }

    public void override(Exchange exchange) throws Exception {
        ObjectNode body = ApiSupport.object(exchange, ApiSupport.fields(GuardOverride.class));
        BudgetGuard.Mode mode = null;
        JsonNode m = body.get("mode");
        if (m != null && !m.isNull()) {
            try {
                mode = BudgetGuard.Mode.valueOf(m.asText().strip().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw ApiProblem.invalid("mode", "'mode' must be normal, saving or exhausted");
            }
        }
        BigDecimal budget = null;
        JsonNode b = body.get("budget");
        if (b != null && !b.isNull()) {
            if (!b.isNumber() || b.decimalValue().signum() < 0 || b.decimalValue().compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
                throw ApiProblem.invalid("budget", "'budget' must be an amount from 0 to 1000000");
            }
            budget = b.decimalValue();
        }
        if (mode == null && budget == null) {
            throw ApiProblem.invalid("mode", "Give a 'mode', a 'budget' or both");
        }
        JsonNode r = body.get("reason");
        String reason = r == null || r.isNull() ? null : r.asText().strip();
        if (reason != null && reason.length() > 200) {
            throw ApiProblem.invalid("reason", "'reason' must be at most 200 characters");
        }
        Principal who = exchange.getProperty(ApiSupport.PRINCIPAL, Principal.class);
        guard.override(mode, budget, who == null ? null : who.id(), reason);
        guard.evaluate(clock.instant());
        ApiSupport.respond(exchange, 200, guard.view());
    }

    public void clear(Exchange exchange) throws Exception {
        guard.clearOverride();
        guard.evaluate(clock.instant());
        ApiSupport.respond(exchange, 200, guard.view());
    }
}
