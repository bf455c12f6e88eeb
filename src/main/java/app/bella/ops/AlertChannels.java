package app.bella.ops;

import app.bella.support.Redaction;

import static app.bella.ops.AlertService.exec;
import static app.bella.ops.AlertService.ts;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java side of the channel routes (alerts-channel-*.camel.yaml): renders a delivery for its channel, checks
 * the channel is configured (else the delivery is recorded as skipped, never dropped silently), counts attempts
 * and records the outcome. The delivery travels in the exchange property {@code alertDelivery}, because the sink
 * Kamelets may clear headers. Bound as {@code alertChannels}.
 */
public final class AlertChannels {

    private static final Logger LOG = LoggerFactory.getLogger(AlertChannels.class);
    public static final String DELIVERY = "alertDelivery";
    public static final String ATTEMPTS = "alertAttempts";
    public static final String SKIP = "alertSkip";

    public record Settings(boolean slackConfigured, boolean emailConfigured, String oncallPhone, boolean smsSenderConfigured) {
    }

    private final AlertService alerts;
    private final AlertMessages messages;
    private final Settings settings;

    public AlertChannels(AlertService alerts, AlertMessages messages, Settings settings) {
        this.alerts = alerts;
        this.messages = messages;
        this.settings = settings;
        if (!settings.slackConfigured()) {
            LOG.warn("Alerts: Slack is not configured (BELLA_SLACK_WEBHOOK_URL): Slack deliveries are recorded as skipped");
        }
        if (!settings.emailConfigured()) {
            LOG.warn("Alerts: e-mail is not configured (BELLA_SMTP_HOST, BELLA_ALERT_EMAIL_TO): e-mail deliveries are recorded as skipped");
        }
        if (oncall() == null || !settings.smsSenderConfigured()) {
            LOG.warn("Alerts: SMS is not configured (BELLA_ONCALL_PHONE, BELLA_SMS_FROM): SMS deliveries are recorded as skipped");
        }
    }

    public void slack(Exchange exchange) {
        AlertDelivery d = start(exchange);
        if (skipIf(exchange, d, !settings.slackConfigured(), "Slack webhook URL not configured")) {
            return;
        }
        exchange.getMessage().setBody(messages.slack(d.getNotice()));
    }

    public void email(Exchange exchange) {
        AlertDelivery d = start(exchange);
        if (skipIf(exchange, d, !settings.emailConfigured(), "SMTP host or recipients not configured")) {
            return;
        }
        exchange.getMessage().setHeader("Subject", messages.emailSubject(d.getNotice()));
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=UTF-8");
        exchange.getMessage().setBody(messages.emailBody(d.getNotice()));
    }

    public void sms(Exchange exchange) {
        AlertDelivery d = start(exchange);
        if (skipIf(exchange, d, oncall() == null || !settings.smsSenderConfigured(), "on-call phone or SMS sender not configured")) {
            return;
        }
        exchange.getMessage().setHeader("to", oncall());
        exchange.getMessage().setBody(messages.sms(d.getNotice()));
    }

    /** Called inside the circuit breaker before each call (retries included). */
    public void attempt(Exchange exchange) {
        // a counter object: the circuit breaker runs its steps on a copy of the exchange, sharing property values
        exchange.getProperty(ATTEMPTS, AtomicInteger.class).incrementAndGet();
    }

    public void sent(Exchange exchange) {
        AlertDelivery d = exchange.getProperty(DELIVERY, AlertDelivery.class);
        update(d, "sent", Math.max(1, attempts(exchange)), null);
    }

    /** After the retries: the delivery failed; the other channels of the notice go on regardless. */
    public void failed(Exchange exchange) {
        AlertDelivery d = exchange.getProperty(DELIVERY, AlertDelivery.class);
        String error = Redaction.error(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        int attempts = attempts(exchange);
        if (d == null) {
            LOG.error("Alert delivery failed before it started: {}", error);
            return;
        }
        LOG.error("Alert {}: {} delivery failed after {} attempt(s): {}", d.getNotice().alert().id(), d.getChannel(), attempts, error);
        update(d, "failed", attempts, error);
    }

    private AlertDelivery start(Exchange exchange) {
        AlertDelivery d = exchange.getMessage().getBody(AlertDelivery.class);
        exchange.setProperty(DELIVERY, d);
        exchange.setProperty(ATTEMPTS, new AtomicInteger());
        exchange.setProperty(SKIP, false);
        return d;
    }

    private static int attempts(Exchange exchange) {
        AtomicInteger n = exchange.getProperty(ATTEMPTS, AtomicInteger.class);
        return n == null ? 0 : n.get();
    }

    private boolean skipIf(Exchange exchange, AlertDelivery d, boolean notConfigured, String why) {
        if (notConfigured) {
            exchange.setProperty(SKIP, true);
            update(d, "skipped", 0, why);
        }
        return notConfigured;
    }

    private String oncall() {
        String phone = settings.oncallPhone();
        return phone == null || phone.isBlank() ? null : phone.strip();
    }

    private void update(AlertDelivery d, String status, int attempts, String error) {
        alerts.inTransaction(c -> {
            exec(c, "alert-delivery-update", status, attempts, error, ts(alerts.clock().instant()), d.getId());
            return null;
        });
    }
}
