package app.bella.ops;

import app.bella.support.Redaction;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Evaluates every {@link AlertRule} (route alerts-evaluate, on a timer) and turns what they report into alerts. */
public final class AlertRules {

    private static final Logger LOG = LoggerFactory.getLogger(AlertRules.class);

    private final AlertService alerts;
    private final List<AlertRule> rules;

    public AlertRules(AlertService alerts, List<AlertRule> rules) {
        this.alerts = alerts;
        this.rules = List.copyOf(rules);
    }

    public List<AlertRule> rules() {
        return rules;
    }

    /** One evaluation of every rule; a failing rule is logged and skipped, the others go on. */
    public synchronized void evaluate() {
        Instant now = alerts.clock().instant();
        for (AlertRule rule : rules) {
            AlertRule.Result result;
            try {
                result = rule.evaluate(now);
            } catch (Exception e) {
                LOG.warn("Alert rule {} could not be evaluated: {}", rule.source(), Redaction.error(e));
                continue;
            }
            if (!result.conclusive()) {
                continue;
            }
            for (AlertRule.Condition c : result.firing()) {
                alerts.raise(new AlertRaise(c.fingerprint(), rule.source(), c.severity(), c.title(), c.detail(), c.mode()));
            }
            Set<String> firing = result.firing().stream().map(AlertRule.Condition::fingerprint).collect(Collectors.toSet());
            for (Alert open : alerts.openBySource(rule.source())) {
                if (!firing.contains(open.fingerprint())) {
                    alerts.resolve(open.id(), "condition cleared");
                }
            }
        }
    }
}
