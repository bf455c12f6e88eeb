package app.bella.ops;

import static app.bella.ops.AlertService.exec;
import static app.bella.ops.AlertService.many;
import static app.bella.ops.AlertService.one;
import static app.bella.ops.AlertService.ts;

import app.bella.events.EventType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decisions of the alert pipeline (routes alerts-*.camel.yaml): which {@code alert.*} events become a notice
 * (de-duplication window, grouped bursts, recoveries), which alerts escalate, and the delivery rows of each notice.
 * Every decision is a conditional update of the alert row, so several consumers or instances never notify twice.
 * Bound as {@code alertPipeline}.
 */
public final class AlertPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(AlertPipeline.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String ALERT_ID = "alertId";
    public static final String EVENT_TYPE = "alertEventType";
    public static final String FINGERPRINT = "alertFingerprint";
    public static final String SOURCE = "alertSource";

    public record Settings(Duration dedupWindow, Duration escalateAfter, Duration catchUpAfter) {
    }

    private final AlertService alerts;
    private final AlertRouting routing;
    private final Settings settings;
    private final Predicate<String> channelExists;
    private final MaintenanceWindows maintenance;

    public AlertPipeline(AlertService alerts, AlertRouting routing, Settings settings, Predicate<String> channelExists,
                         MaintenanceWindows maintenance) {
        this.alerts = alerts;
        this.routing = routing;
        this.settings = settings;
        this.channelExists = channelExists;
        this.maintenance = maintenance;
    }

    /** During a maintenance window every notice but the window's own and test alerts waits (the sweep sends it after). */
    private boolean held(java.sql.Connection c, Alert alert, Instant now) throws java.sql.SQLException {
        return maintenance != null && !"test".equals(alert.source()) && !MaintenanceWindows.SOURCE.equals(alert.source())
                && maintenance.holding(c, now);
    }

    /** Reads an alert.* envelope from Kafka into headers (type, alert id, fingerprint, source). */
    public void read(Exchange exchange) throws Exception {
        JsonNode envelope = JSON.readTree(exchange.getMessage().getBody(String.class));
        JsonNode payload = envelope.path("payload");
        exchange.getMessage().setHeader(EVENT_TYPE, envelope.path("type").asText());
        exchange.getMessage().setHeader(ALERT_ID, payload.path("alertId").asLong(-1));
        exchange.getMessage().setHeader(FINGERPRINT, payload.path("fingerprint").asText());
        exchange.getMessage().setHeader(SOURCE, payload.path("source").asText());
    }

    /**
     * After grouping: a notice for the alert, or null when it is de-duplicated (notified within the window),
     * acknowledged, resolved or unknown. {@code grouped} raise events are covered by this one decision.
     */
    public Notice claimRaised(long alertId, Integer grouped) {
        int events = grouped == null || grouped < 1 ? 1 : grouped;
        Instant now = alerts.clock().instant();
        return alerts.inTransaction(c -> {
            Alert alert = one(c, "alert-find", alertId);
            if (alert == null) {
                LOG.debug("alert.raised for unknown alert {} ignored", alertId);
                return null;
            }
            if (held(c, alert, now)) {
                LOG.info("Alert {} held: maintenance window", alertId);
                return null;
            }
            boolean test = "test".equals(alert.source());
            Instant windowStart = test ? now : now.minus(settings.dedupWindow());
            Alert claimed = one(c, "alert-claim-notification", ts(now), ts(now), events - 1, alertId, ts(windowStart));
            if (claimed == null) {
                exec(c, "alert-suppress", events, alertId);
                LOG.debug("Alert {}: {} raise(s) not notified ({})", alertId, events, alert.state());
                return null;
            }
            if (test) {
                Alert resolved = one(c, "alert-resolve", ts(now), "test delivered", alertId);
                if (resolved != null) {
                    alerts.events().append(c, EventType.ALERT_RESOLVED, resolved.fingerprint(), AlertService.payload(resolved));
                }
                return new Notice(Notice.Kind.TEST, claimed);
            }
            return new Notice(Notice.Kind.RAISED, claimed);
        });
    }

    /** A recovery notice once per resolved alert that was notified; null otherwise. */
    public Notice claimRecovery(long alertId) {
        return alerts.inTransaction(c -> {
            Alert alert = one(c, "alert-claim-recovery", alertId);
            return alert == null ? null : new Notice(Notice.Kind.RECOVERY, alert);
        });
    }

    /**
     * The timer's sweep: raised alerts never notified although older than the catch-up delay (a group lost in a
     * restart, or Kafka unreachable), then escalations of notified critical/high alerts nobody acknowledged:
     * step 1 after {@code escalateAfter} re-notifies on the alert's channels, step 2 after twice that pages on-call.
     */
    public List<Notice> sweep() {
        Instant now = alerts.clock().instant();
        List<Notice> due = new ArrayList<>();
        alerts.inTransaction(c -> {
            for (Alert a : many(c, "alerts-unnotified", ts(now.minus(settings.catchUpAfter())))) {
                if (held(c, a, now)) {
                    continue;
                }
                Alert claimed = one(c, "alert-claim-notification", ts(now), ts(now), 0, a.id(), ts(now));
                if (claimed != null) {
                    LOG.warn("Alert {} was never notified: sending it now", a.id());
                    if ("test".equals(claimed.source())) {
                        Alert resolved = one(c, "alert-resolve", ts(now), "test delivered", a.id());
                        if (resolved != null) {
                            alerts.events().append(c, EventType.ALERT_RESOLVED, resolved.fingerprint(), AlertService.payload(resolved));
                        }
                    }
                    due.add(new Notice("test".equals(claimed.source()) ? Notice.Kind.TEST : Notice.Kind.RAISED, claimed));
                }
            }
            for (Alert a : many(c, "alerts-escalation-candidates")) {
                if (held(c, a, now)) {
                    continue;
                }
                long steps = Duration.between(a.firstNotifiedAt(), now).dividedBy(settings.escalateAfter());
                if (steps > a.escalationLevel()) {
                    int level = a.escalationLevel() + 1;
                    Alert claimed = one(c, "alert-claim-escalation", level, ts(now), a.id(), a.escalationLevel());
                    if (claimed != null) {
                        LOG.warn("Alert {} not acknowledged: escalation step {}", a.id(), level);
                        due.add(new Notice(level == 1 ? Notice.Kind.ESCALATION : Notice.Kind.ONCALL, claimed));
                    }
                }
            }
            return null;
        });
        return due;
    }

    /** The deliveries of a notice, one row each (pending); a channel without a route is recorded as failed. */
    public List<AlertDelivery> plan(Notice notice) {
        Instant now = alerts.clock().instant();
        List<String> channels = routing.channels(notice.kind(), notice.alert().severity());
        List<AlertDelivery> out = new ArrayList<>();
        alerts.inTransaction(c -> {
            for (String channel : channels) {
                long id;
                try (PreparedStatement ps = AlertService.prepare(c, "alert-delivery-insert", notice.alert().id(), channel,
                        notice.kind().wire(), ts(now), ts(now)); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                if (channelExists.test(channel)) {
                    out.add(new AlertDelivery(id, channel, notice));
                } else {
                    exec(c, "alert-delivery-update", "failed", 0, "no route direct:alerts-channel-" + channel, ts(now), id);
                    LOG.error("Alert {}: no route for channel '{}' (bella.alerts.route.*)", notice.alert().id(), channel);
                }
            }
            return null;
        });
        LOG.info("Alert {} {} → {}", notice.alert().id(), notice.kind().wire(), channels);
        return out;
    }
}
