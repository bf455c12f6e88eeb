package app.bella.ops;

import app.bella.support.Redaction;
import static app.bella.ops.AlertService.exec;
import static app.bella.ops.AlertService.one;
import static app.bella.ops.AlertService.ts;

import app.bella.events.EventType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Database unreachable": alerts live in PostgreSQL, so this one cannot. Route alerts-database-watch probes the
 * database on a timer; after {@code failuresBeforeAlert} failed probes in a row it sends a CRITICAL straight to the
 * channels critical alerts are routed to (Slack, e-mail, SMS Kamelets, no delivery rows), unless a maintenance
 * window read earlier covers the moment. When the database answers again the alert is recorded — raised, notified
 * at the moment it was sent, with one delivery row per channel and its outcome — and resolved, so the pipeline sends
 * the recovery notice as for any alert. Each instance watches for itself. Bound as {@code databaseWatch}.
 */
public final class DatabaseWatch {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseWatch.class);
    public static final String SOURCE = "database";
    public static final String CHANNEL = "alertDirectChannel";

    /** A message for one channel, rendered while the database is down. */
    public record DirectMessage(String channel, String body, Map<String, Object> headers) {
    }

    private record Outcome(String channel, String status, String error, Instant at) {
    }

    private final DataSource dataSource;
    private final AlertService alerts;
    private final AlertMessages messages;
    private final AlertRouting routing;
    private final AlertChannels.Settings configured;
    private final MaintenanceWindows maintenance;
    private final String instance;
    private final int failuresBeforeAlert;
    private final ZoneId zone;

    private int failures;
    private Instant downSince;
    private Alert sent; // the in-memory alert sent while down (null: nothing sent)
    private final List<Outcome> outcomes = new ArrayList<>();

    public DatabaseWatch(DataSource dataSource, AlertService alerts, AlertMessages messages, AlertRouting routing,
                         AlertChannels.Settings configured, MaintenanceWindows maintenance, String instance,
                         int failuresBeforeAlert, ZoneId zone) {
        this.dataSource = dataSource;
        this.alerts = alerts;
        this.messages = messages;
        this.routing = routing;
        this.configured = configured;
        this.maintenance = maintenance;
        this.instance = instance;
        this.failuresBeforeAlert = Math.max(1, failuresBeforeAlert);
        this.zone = zone;
    }

    public synchronized boolean down() {
        return downSince != null && failures >= failuresBeforeAlert;
    }

    /** One probe; the messages to send now (empty unless the database has just been declared unreachable). */
    public synchronized List<DirectMessage> check() {
        Instant now = alerts.clock().instant();
        boolean up = probe();
        if (up) {
            failures = 0;
            if (downSince != null) {
                try {
                    record(now);
                    downSince = null;
                    sent = null;
                    outcomes.clear();
                } catch (RuntimeException e) {
                    LOG.warn("Database back but the outage alert could not be recorded yet: {}", Redaction.error(e));
                }
            }
            return List.of();
        }
        failures++;
        if (downSince == null) {
            downSince = now;
        }
        if (failures != failuresBeforeAlert || sent != null) {
            return List.of();
        }
        if (maintenance.holdingFromMemory(now)) {
            LOG.warn("Database unreachable during a maintenance window: no alert sent");
            return List.of();
        }
        DateTimeFormatter f = DateTimeFormatter.ofPattern("HH:mm:ss z", Locale.ENGLISH).withZone(zone);
        sent = new Alert(0, "database-unreachable:" + instance + ":" + downSince.getEpochSecond(), SOURCE, Severity.CRITICAL,
                "Database unreachable", "PostgreSQL has not answered instance " + instance + " since " + f.format(downSince)
                + " (" + failures + " probes): calls cannot be booked or recorded. Sent directly, outside the alert store; "
                + "recorded when the database is back.", Alert.RAISED, 1, downSince, now, null, null, null, null,
                now, now, 0, 0, false);
        LOG.error("Database unreachable since {}: sending a critical alert directly", downSince);
        Notice notice = new Notice(Notice.Kind.RAISED, sent);
        List<DirectMessage> out = new ArrayList<>();
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

    private void add(List<DirectMessage> out, String channel, boolean ok, String body, Map<String, Object> headers) {
        if (ok) {
            out.add(new DirectMessage(channel, body, headers));
        } else {
            outcomes.add(new Outcome(channel, "skipped", "channel not configured", alerts.clock().instant()));
        }
    }

    /** Before the Kamelet: the body and headers of one direct message. */
    public void prepare(Exchange exchange) {
        DirectMessage m = exchange.getMessage().getBody(DirectMessage.class);
        exchange.setProperty(CHANNEL, m.channel());
        exchange.getMessage().removeHeaders("*");
        m.headers().forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setBody(m.body());
    }

    public synchronized void delivered(Exchange exchange) {
        outcomes.add(new Outcome(exchange.getProperty(CHANNEL, String.class), "sent", null, alerts.clock().instant()));
    }

    public synchronized void failed(Exchange exchange) {
        String error = Redaction.error(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        LOG.error("Database-down alert on {} failed: {}", exchange.getProperty(CHANNEL, String.class), error);
        outcomes.add(new Outcome(exchange.getProperty(CHANNEL, String.class), "failed", error, alerts.clock().instant()));
    }

    private boolean probe() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(3);
        } catch (Exception e) {
            return false;
        }
    }

    /** The outage into the alert store: raised (notified when it was sent), its deliveries, then resolved. */
    private void record(Instant now) {
        if (sent == null) {
            if (failures == 0 && downSince != null) {
                LOG.info("Database reachable again after a short outage (no alert was sent)");
            }
            return;
        }
        Alert recorded = alerts.inTransaction(c -> {
            Alert a = one(c, "alert-insert", sent.fingerprint(), SOURCE, Severity.CRITICAL.wire(), sent.title(), sent.detail(),
                    ts(sent.firstSeen()), ts(now), instance);
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
        alerts.resolve(recorded.id(), "database reachable again");
        LOG.info("Database reachable again: outage recorded as alert {}", recorded.id());
    }

    /** For the status API. */
    public synchronized Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reachable", downSince == null);
        m.put("unreachableSince", downSince == null ? null : downSince.toString());
        return m;
    }
}
