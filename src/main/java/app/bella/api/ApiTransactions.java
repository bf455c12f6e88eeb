package app.bella.api;

import app.bella.support.Sql;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.camel.Exchange;

/**
 * One database transaction per API request. A write with an {@code Idempotency-Key} header claims the key (per
 * caller) in the same transaction as its effect and stores the response there: a retry with the same key and the
 * same request gets the first response again and changes nothing; the same key with another request is a 422.
 * A request that fails is rolled back whole, its key included, so it can be retried.
 */
public final class ApiTransactions {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /**
     * What a handler answers: a status and a body (rendered as JSON; null for no content), and what a replay of it
     * answers ({@code replay}: the same body, or one without the secret it carried, which is never stored).
     */
    public record Response(int status, Object body, Object replay) {
        public static Response ok(Object body) {
            return new Response(200, body, body);
        }

        public static Response created(Object body) {
            return new Response(201, body, body);
        }

        public static Response noContent() {
            return new Response(204, null, null);
        }

        /** This response, stored for an Idempotency-Key replay as {@code withoutSecret}. */
        public Response replayedAs(Object withoutSecret) {
            return new Response(status, body, withoutSecret);
        }
    }

    @FunctionalInterface
    public interface Work {
        Response run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;

    public ApiTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A read: runs on a connection without a transaction of its own. */
    public void read(Exchange exchange, Work work) throws SQLException {
        Response r;
        try (Connection c = dataSource.getConnection()) {
            r = work.run(c);
        }
        ApiSupport.respond(exchange, r.status(), r.body());
    }

    /** A write, idempotent when the request carries an Idempotency-Key. */
    public void write(Exchange exchange, Work work) throws SQLException {
        String key = idempotencyKey(exchange);
        Principal principal = exchange.getProperty(ApiSupport.PRINCIPAL, Principal.class);
        if (principal == null) {
            throw new IllegalStateException("A write reached its handler without authentication");
        }
        byte[] fingerprint = key == null ? null : fingerprint(exchange);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (key != null && !claim(c, principal, key, fingerprint)) {
                    Stored stored = stored(c, principal, key);
                    c.commit();
                    if (!MessageDigest.isEqual(stored.fingerprint, fingerprint)) {
                        throw ApiProblem.invalid(IDEMPOTENCY_KEY, "This Idempotency-Key was already used for a different request");
                    }
                    ApiSupport.respondRaw(exchange, stored.status, stored.response);
                    exchange.getMessage().setHeader("Idempotent-Replayed", "true");
                    return;
                }
                Response r = work.run(c);
                String json = r.body() == null ? null : ApiSupport.JSON.writeValueAsString(r.body());
                if (key != null) {
                    complete(c, principal, key, r.status(), r.replay() == r.body() ? json
                            : r.replay() == null ? null : ApiSupport.JSON.writeValueAsString(r.replay()));
                }
                c.commit();
                ApiSupport.respondRaw(exchange, r.status(), json);
            } catch (JsonProcessingException e) {
                c.rollback();
                throw new IllegalStateException(e);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static String idempotencyKey(Exchange exchange) {
        String key = exchange.getProperty(ApiSupport.IDEMPOTENCY, String.class);
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(ch -> ch >= 0x21 && ch <= 0x7e)) {
            throw ApiProblem.invalid(IDEMPOTENCY_KEY, "The Idempotency-Key must be 1 to 255 visible ASCII characters");
        }
        return key;
    }

    /** SHA-256 of method, path and body: what "the same request" means. */
    private static byte[] fingerprint(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        return ApiKeys.sha256(ApiSupport.method(exchange) + " " + ApiSupport.path(exchange) + "\n" + (body == null ? "" : body));
    }

    /** True when this request now owns the key; waits while a concurrent request with the same key is in flight. */
    private static boolean claim(Connection c, Principal p, String key, byte[] fingerprint) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("api-idempotency-claim"))) {
            ps.setString(1, p.id());
            ps.setString(2, key);
            ps.setBytes(3, fingerprint);
            return ps.executeUpdate() == 1;
        }
    }

    private record Stored(byte[] fingerprint, int status, String response) {
    }

    private static Stored stored(Connection c, Principal p, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("api-idempotency-find"))) {
            ps.setString(1, p.id());
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("Idempotency record vanished");
                }
                return new Stored(rs.getBytes(1), rs.getInt(2), rs.getString(3));
            }
        }
    }

    private static void complete(Connection c, Principal p, String key, int status, String json) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("api-idempotency-complete"))) {
            ps.setInt(1, status);
            ps.setString(2, json);
            ps.setString(3, p.id());
            ps.setString(4, key);
            ps.executeUpdate();
        }
    }
}
