package app.bella.ops;

import static app.bella.ops.AlertService.exec;
import static app.bella.ops.AlertService.one;
import static app.bella.ops.AlertService.ts;

import app.bella.events.EventType;
import app.bella.support.Redaction;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CRITICAL sent straight to the channels critical alerts are routed to (Slack, e-mail, SMS Kamelets, no delivery rows)
 * while the alert store may be unusable, and recorded there later: raised, notified at the moment it was sent, one
 * delivery row per channel with its outcome, then resolved, so the pipeline sends the recovery notice as for any alert.
 * One per watch ({@link DatabaseWatch}, {@link DiskWatch}); route template {@code alerts-direct-watch} sends the messages
 * and reports each outcome here. Bound as {@code <watch>DirectAlert}.
 */
public final class DirectAlert {

    private static final Logger LOG = LoggerFactory.getLogger(DirectAlert.class);
    public static final String CHANNEL = "alertDirectChannel";

    /** A message for one channel, rendered while the alert store may be unusable. */
    public record Message(String channel, String body, Map<String, Object> headers) {
    }

    private record Outcome(String channel, String status, String error, Instant at) {
    }

    private final AlertService alerts;
    private final AlertMessages messages;
    private final AlertRouting routing;
    private final AlertChannels.Settings configured;
    private final MaintenanceWindows maintenance;
    private final String instance;

    private Alert sent; // the in-memory alert sent directly (null: nothing sent)
    private final List<Outcome> outcomes = new ArrayList<>();

    public DirectAlert(AlertService alerts, AlertMessages messages, AlertRouting routing, AlertChannels.Settings configured,
                       MaintenanceWindows maintenance, String instance) {
        this.alerts = alerts;
        this.messages = messages;
        this.routing = routing;
        this.configured = configured;
        this.maintenance = maintenance;
        this.instance = instance;
    }

    public String instance() {
        return instance;
    }

    public Instant now() {
        return alerts.clock().instant();
    }

    /** True once a CRITICAL was sent and not yet recorded. */
    public synchronized boolean pending() {
        return sent != null;
    }

    /**
     * The messages that send a CRITICAL now (first seen {@code since}); none during a maintenance window read earlier
     * (the database may be unreadable) or when one was already sent.
     */
    public synchronized List<Message> send(String fingerprint, String source, String title, String detail, Instant since) {
        Instant now = now();
        if (sent != null) {
            return List.of();
        }
        if (maintenance.holdingFromMemory(now)) {
            LOG.warn("{} during a maintenance window: no alert sent", title);
            return List.of();
        }
        sent = new Alert(0, fingerprint, source, Severity.CRITICAL, title, detail, Alert.RAISED, 1, since, now, null, null,
                null, null, now, now, 0, 0, false);
        Notice notice = new Notice(Notice.Kind.RAISED, sent);
        List<Message> out = new ArrayList<>();
        for (String channel : routing.channels(Notice.Kind.RAISED, Severity.CRITICAL)) {
            switch (channel) {
                case "slack" -> add(out, channel, configured.slackConfigured(), messages.slack(notice), Map.of());
                case "email" -> add(out, channel, configured.emailConfigured(), messages.emailBody(notice),
                        Map.of("Subject", messages.emailSubject(notice), Exchange.CONTENT_TYPE, "text/plain; charset=UTF-8"));
                case "sms" -> {
                    String phone = configured.oncallPhone() == null ? "" : configured.oncallPhone().strip();
                    add(out, channel, !phone.isEmpty() && configured.smsSenderConfigured(), messages.sms(notice), Map.of("to", phone));
                }
                default -> outcomes.add(new Outcome(channel, "failed", "no direct route for channel " + channel, now));
            }
        }
        return out;
    }

    private void add(List<Message> out, String channel, boolean ok, String body, Map<String, Object> headers) {
        if (ok) {
            out.add(new Message(channel, body, headers));
        } else {
            outcomes.add(new Outcome(channel, "skipped", "channel not configured", now()));
        }
    }

    /** Before the Kamelet: the body and headers of one direct message. */
    public void prepare(Exchange exchange) {
        Message m = exchange.getMessage().getBody(Message.class);
        exchange.setProperty(CHANNEL, m.channel());
        exchange.getMessage().removeHeaders("*");
        m.headers().forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setBody(m.body());
    }

    public synchronized void delivered(Exchange exchange) {
        outcomes.add(new Outcome(exchange.getProperty(CHANNEL, String.class), "sent", null, now()));
    }

    public synchronized void failed(Exchange exchange) {
        String error = Redaction.error(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        String channel = exchange.getProperty(CHANNEL, String.class);
        LOG.error("Direct alert '{}' on {} failed: {}", sent == null ? "?" : sent.title(), channel, error);
        outcomes.add(new Outcome(channel, "failed", error, now()));
    }

    /**
     * The alert sent into the alert store — raised (notified when it was sent), its deliveries, then resolved with
     * {@code resolution} — and forgotten here. Returns its id; empty when nothing was sent. Throws when the store
     * cannot take it yet (the caller tries again on its next check).
     */
    public synchronized java.util.OptionalLong record(String resolution) {
        if (sent == null) {
            return java.util.OptionalLong.empty();
        }
        Instant now = now();
        Alert recorded = alerts.inTransaction(c -> {
            Alert a = one(c, "alert-insert", sent.fingerprint(), sent.source(), Severity.CRITICAL.wire(), sent.title(),
                    sent.detail(), ts(sent.firstSeen()), ts(now), instance);
            // last notified now: the pipeline's de-duplication keeps the recorded raise from being sent twice
            a = one(c, "alert-mark-notified", ts(sent.lastSeen()), ts(now), a.id());
            for (Outcome o : outcomes) {
                long id;
                try (PreparedStatement ps = AlertService.prepare(c, "alert-delivery-insert", a.id(), o.channel(), "raised",
                        ts(o.at()), ts(o.at())); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                exec(c, "alert-delivery-update", o.status(), "sent".equals(o.status()) ? 1 : 0, o.error(), ts(o.at()), id);
            }
            alerts.events().append(c, EventType.ALERT_RAISED, a.fingerprint(), AlertService.payload(a));
            return a;
        });
        alerts.resolve(recorded.id(), resolution);
        sent = null;
        outcomes.clear();
        return java.util.OptionalLong.of(recorded.id());
    }
}
