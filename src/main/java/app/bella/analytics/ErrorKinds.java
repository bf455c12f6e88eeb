package app.bella.analytics;

import app.bella.support.Sql;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors aggregated by kind — the route that failed, the exception's class and the outside service behind it — with a
 * count, first and last seen and one sample correlation id, so an operator sees what is failing without reading logs.
 * Called from the routes' error handlers; one upsert per error, and a failure to record is only logged.
 */
public final class ErrorKinds {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorKinds.class);
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** One kind of error as the console shows it. */
    @Schema(description = "One kind of error: route, exception class and outside service")
    public record ErrorKind(String route, String exception,
                            @Schema(allowableValues = {"openai", "twilio", "slack", "smtp", "postgres", "kafka", "bella"}) String service,
                            long count, @Schema(format = "date-time") String firstSeen, @Schema(format = "date-time") String lastSeen,
                            @Schema(nullable = true, description = "a CallSid or a request's X-Request-Id") String sampleCorrelationId) {
    }

    private final DataSource dataSource;
    private final Clock clock;

    public ErrorKinds(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The error handler's step: the exchange carries the caught exception and the failed route. */
    public void record(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (e == null) {
            e = exchange.getException();
        }
        if (e == null) {
            return;
        }
        String route = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class);
        if (route == null) {
            route = exchange.getFromRouteId();
        }
        String endpoint = exchange.getProperty(Exchange.FAILURE_ENDPOINT, String.class);
        recordError(route == null ? "unknown" : route, e, endpoint, correlationId(exchange));
    }

    public void recordError(String route, Throwable e, String failedEndpoint, String correlationId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(Sql.get("error-kind-upsert"))) {
            OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
            ps.setString(1, route);
            ps.setString(2, e.getClass().getName());
            ps.setString(3, service(route, e, failedEndpoint));
            ps.setObject(4, now);
            ps.setObject(5, now);
            ps.setString(6, correlationId);
            ps.executeUpdate();
        } catch (SQLException | RuntimeException failure) {
            LOG.warn("could not record an error of route {}: {}", route, failure.toString());
        }
    }

    /** The most recently seen kinds first. */
    public List<ErrorKind> recent(int limit) throws SQLException {
        List<ErrorKind> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(Sql.get("error-kinds-recent"))) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ErrorKind(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant().toString(), rs.getObject(6, OffsetDateTime.class).toInstant().toString(),
                            rs.getString(7)));
                }
            }
        }
        return out;
    }

    /**
     * The outside service behind an error: from the exception's cause chain (a JDBC or Kafka exception), else the
     * failed endpoint or the route's (or breaker's) id; "bella" when it is Bella's own.
     */
    static String service(String route, Throwable e, String failedEndpoint) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (t instanceof SQLException || name.startsWith("org.postgresql") || name.startsWith("com.zaxxer.hikari")) {
                return "postgres";
            }
            if (name.startsWith("org.apache.kafka")) {
                return "kafka";
            }
            if (name.startsWith("jakarta.mail") || name.startsWith("javax.mail")) {
                return "smtp";
            }
        }
        String where = ((failedEndpoint == null ? "" : failedEndpoint) + " " + (route == null ? "" : route)).toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> hint : List.of(Map.entry("openai", "openai"), Map.entry("understanding", "openai"),
                Map.entry("whisper", "openai"), Map.entry("slack", "slack"), Map.entry("smtp", "smtp"), Map.entry("mail", "smtp"),
                Map.entry("email", "smtp"), Map.entry("twilio", "twilio"), Map.entry("sms", "twilio"), Map.entry("kafka", "kafka"),
                Map.entry("sql:", "postgres"))) {
            if (where.contains(hint.getKey())) {
                return hint.getValue();
            }
        }
        return "bella";
    }

    /** The call's CallSid for a Twilio webhook, else the request id: enough to find the occurrence in the logs. */
    static String correlationId(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof Map<?, ?> form && form.get("CallSid") != null) {
            String sid = first(form.get("CallSid"));
            if (sid != null && SANE_ID.matcher(sid).matches()) {
                return sid;
            }
        }
        for (String header : new String[] {"CallSid", "X-Request-Id", "breadcrumbId"}) {
            String v = exchange.getMessage().getHeader(header, String.class);
            if (v != null && SANE_ID.matcher(v).matches()) {
                return v;
            }
        }
        return exchange.getExchangeId();
    }

    private static String first(Object v) {
        if (v instanceof List<?> list) {
            return list.isEmpty() ? null : String.valueOf(list.get(0));
        }
        return v == null ? null : String.valueOf(v);
    }
}
