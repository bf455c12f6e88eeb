package app.bella.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What each channel says about a notice: a Slack message with a severity-coloured attachment, an e-mail, an SMS. */
public final class AlertMessages {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");
    static final String RESOLVED_COLOUR = "#2eb886";

    private final ZoneId zone;

    public AlertMessages(ZoneId zone) {
        this.zone = zone;
    }

    public static String colour(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "#d40e0d";
            case HIGH -> "#ff7b00";
            case MEDIUM -> "#f2c744";
            case LOW -> "#439fe0";
        };
    }

    /** "[CRITICAL] Circuit breaker llm-breaker open ×3", "[RESOLVED] …", "[ESCALATED] …", "[TEST] …". */
    public String headline(Notice n) {
        Alert a = n.alert();
        String tag = switch (n.kind()) {
            case RAISED -> a.severity().name();
            case RECOVERY -> "RESOLVED";
            case ESCALATION, ONCALL -> "ESCALATED " + a.severity().name();
            case TEST -> "TEST";
        };
        return "[" + tag + "] " + a.title() + (a.count() > 1 && n.kind() != Notice.Kind.RECOVERY ? " ×" + a.count() : "");
    }

    public String slack(Notice n) {
        Alert a = n.alert();
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("color", n.kind() == Notice.Kind.RECOVERY ? RESOLVED_COLOUR : colour(a.severity()));
        attachment.put("title", a.title());
        attachment.put("text", explanation(n));
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(field("Severity", a.severity().wire()));
        fields.add(field("Count", "×" + a.count()));
        fields.add(field("First seen", time(a.firstSeen())));
        fields.add(field("Last seen", time(a.lastSeen())));
        attachment.put("fields", fields);
        attachment.put("footer", "Bella alert " + a.id() + " · " + a.fingerprint() + " · " + a.source());
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", headline(n));
        message.put("attachments", List.of(attachment));
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String emailSubject(Notice n) {
        return "Bella " + headline(n);
    }

    public String emailBody(Notice n) {
        Alert a = n.alert();
        StringBuilder b = new StringBuilder();
        b.append(headline(n)).append("\n\n").append(explanation(n)).append("\n\n");
        b.append("Severity:    ").append(a.severity().wire()).append('\n');
        b.append("Count:       ").append(a.count()).append('\n');
        b.append("First seen:  ").append(time(a.firstSeen())).append('\n');
        b.append("Last seen:   ").append(time(a.lastSeen())).append('\n');
        b.append("Source:      ").append(a.source()).append('\n');
        b.append("Fingerprint: ").append(a.fingerprint()).append('\n');
        b.append("Alert id:    ").append(a.id()).append('\n');
        if (n.kind() != Notice.Kind.RECOVERY && n.kind() != Notice.Kind.TEST) {
            b.append("\nAcknowledge: POST /api/alerts/").append(a.id()).append("/ack\n");
        }
        return b.toString();
    }

    /** At most 160 characters: one SMS segment. */
    public String sms(Notice n) {
        Alert a = n.alert();
        String text = "Bella " + headline(n) + (n.kind() == Notice.Kind.RECOVERY ? "" : " — ack alert " + a.id());
        if (n.kind() == Notice.Kind.ONCALL) {
            text = "Bella: not acknowledged for " + minutes(a) + " min: " + headline(n) + " — ack alert " + a.id();
        }
        return text.length() <= 160 ? text : text.substring(0, 159) + "…";
    }

    private String explanation(Notice n) {
        Alert a = n.alert();
        String detail = a.detail() == null || a.detail().isBlank() ? "" : a.detail();
        return switch (n.kind()) {
            case RAISED -> detail;
            case RECOVERY -> "Recovered" + (a.resolution() == null ? "" : ": " + a.resolution()) + ". " + detail;
            case ESCALATION -> "Not acknowledged for " + minutes(a) + " minutes. " + detail;
            case ONCALL -> "Not acknowledged for " + minutes(a) + " minutes; the on-call number was paged. " + detail;
            case TEST -> "A test alert: if you read this, this channel works. " + detail;
        };
    }

    private static long minutes(Alert a) {
        return a.firstNotifiedAt() == null || a.lastNotifiedAt() == null ? 0
                : java.time.Duration.between(a.firstNotifiedAt(), a.lastNotifiedAt()).toMinutes();
    }

    private String time(Instant t) {
        return t == null ? "" : TIME.format(t.atZone(zone));
    }

    private static Map<String, Object> field(String title, String value) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("title", title);
        f.put("value", value);
        f.put("short", true);
        return f;
    }
}
