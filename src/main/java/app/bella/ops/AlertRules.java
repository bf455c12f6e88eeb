package app.bella.ops;

import app.bella.support.Redaction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every {@link AlertRule} (route alerts-evaluate, on a timer) and turns what they report into alerts.
 *
 * <p>Rules that read the shared database raise and resolve one alert per fingerprint, whichever instance judges.
 * Rules that judge this instance's own state ({@link AlertRule#perInstance()}) raise {@code <fingerprint>@<instance>}
 * and resolve only the alerts this instance raised; an instance that stopped heartbeating for
 * {@code orphanAfter} has its open per-instance alerts resolved by whoever evaluates next ("instance gone").
 */
public final class AlertRules {

    private static final Logger LOG = LoggerFactory.getLogger(AlertRules.class);

    private final AlertService alerts;
    private final List<AlertRule> rules;
    private final String instance;
    private final Duration orphanAfter;

    public AlertRules(AlertService alerts, List<AlertRule> rules, String instance, Duration orphanAfter) {
        this.alerts = alerts;
        this.rules = List.copyOf(rules);
        this.instance = instance;
        this.orphanAfter = orphanAfter;
    }

    /** Before the instance id is known (replaced in OpsBeans by the one the heartbeat uses). */
    public AlertRules(AlertService alerts, List<AlertRule> rules) {
        this(alerts, rules, "local-" + UUID.randomUUID().toString().substring(0, 8), Duration.ofMinutes(5));
    }

    public List<AlertRule> rules() {
        return rules;
    }

    public String instance() {
        return instance;
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
            try {
                apply(rule, result, now);
            } catch (RuntimeException e) {
                LOG.warn("Alerts of rule {} could not be stored: {}", rule.source(), Redaction.error(e));
            }
        }
    }

    private void apply(AlertRule rule, AlertRule.Result result, Instant now) {
        boolean mine = rule.perInstance();
        if (mine) {
            for (Alert orphan : alerts.openOrphaned(rule.source(), instance, now.minus(orphanAfter))) {
                alerts.resolve(orphan.id(), "instance stopped");
            }
        }
        if (!result.conclusive()) {
            return;
        }
        for (AlertRule.Condition c : result.firing()) {
            alerts.raise(new AlertRaise(fingerprint(rule, c), rule.source(), c.severity(), c.title(),
                    mine ? c.detail() + " (instance " + instance + ")" : c.detail(), c.mode(), mine ? instance : null));
        }
        Set<String> firing = result.firing().stream().map(c -> fingerprint(rule, c)).collect(Collectors.toSet());
        for (Alert open : mine ? alerts.openByInstance(rule.source(), instance) : alerts.openBySource(rule.source())) {
            if (!firing.contains(open.fingerprint())) {
                alerts.resolve(open.id(), "condition cleared");
            }
        }
    }

    private String fingerprint(AlertRule rule, AlertRule.Condition c) {
        return rule.perInstance() ? c.fingerprint() + "@" + instance : c.fingerprint();
    }
}
