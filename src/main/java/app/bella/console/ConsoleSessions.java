package app.bella.console;

import app.bella.api.ApiKeys;
import app.bella.api.ApiProblem;
import app.bella.api.Principal;
import app.bella.api.Scope;
import app.bella.api.SessionAuthenticator;
import app.bella.support.Sql;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * Console sign-in sessions: an API key, checked once, becomes a random cookie token whose SHA-256 is stored with the
 * key's scope (so every instance agrees, and a revoked key ends its sessions). The cookie is HttpOnly and
 * SameSite=Strict; writes made with it must also carry the session's CSRF token in {@link #CSRF_HEADER}.
 */
public final class ConsoleSessions implements SessionAuthenticator {

    public static final String COOKIE = "bella_session";
    public static final String CSRF_HEADER = "X-Bella-CSRF";

    /** A live session: its CSRF token and who signed in. */
    public record Session(String csrf, Principal principal) {
    }

    /** A new session: {@code token} goes into the cookie and exists nowhere else. */
    public record Opened(String token, Session session) {
    }

    private final DataSource dataSource;
    private final Duration ttl;

    public ConsoleSessions(DataSource dataSource, Duration ttl) {
        this.dataSource = dataSource;
        this.ttl = ttl;
    }

    public Duration ttl() {
        return ttl;
    }

    public Opened open(Principal principal) throws SQLException {
        String token = ApiKeys.generate();
        String csrf = ApiKeys.generate();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(Sql.get("console-session-expire"))) {
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(Sql.get("console-session-insert"))) {
                ps.setBytes(1, ApiKeys.sha256(token));
                ps.setString(2, csrf);
                ps.setString(3, principal.id());
                Long keyId = principal.id().startsWith("key:") ? Long.valueOf(principal.id().substring(4)) : null;
                ps.setObject(4, keyId, Types.BIGINT);
                ps.setString(5, principal.scope().wire());
                ps.setLong(6, ttl.toSeconds());
                ps.executeUpdate();
            }
        }
        return new Opened(token, new Session(csrf, principal));
    }

    /** The live session of this cookie token (and its expiry pushed out), if any. */
    public Optional<Session> find(String token) throws SQLException {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return Optional.empty();
        }
        byte[] hash = ApiKeys.sha256(token);
        try (Connection c = dataSource.getConnection()) {
            Session session;
            boolean touch;
            try (PreparedStatement ps = c.prepareStatement(Sql.get("console-session-find"))) {
                ps.setBytes(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    session = new Session(rs.getString(1), new Principal(rs.getString(2), Scope.parse(rs.getString(3))));
                    touch = rs.getBoolean(4);
                }
            }
            if (touch) { // sliding expiry, written at most once a minute rather than on every request
                try (PreparedStatement ps = c.prepareStatement(Sql.get("console-session-touch"))) {
                    ps.setLong(1, ttl.toSeconds());
                    ps.setBytes(2, hash);
                    ps.executeUpdate();
                }
            }
            return Optional.of(session);
        }
    }

    public void close(String token) throws SQLException {
        if (token == null || token.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(Sql.get("console-session-delete"))) {
            ps.setBytes(1, ApiKeys.sha256(token));
            ps.executeUpdate();
        }
    }

    /**
     * The API's second way in (after X-API-Key): the principal of the session cookie in {@code cookieHeader}, or empty
     * when there is no session cookie. A cookie that names no live session is a 401; a write (anything but GET/HEAD)
     * without the session's CSRF token is a 403, so another site cannot make the browser act.
     */
    public Optional<Principal> authenticate(String cookieHeader, String method, String csrfHeader) throws SQLException {
        String token = cookie(cookieHeader, COOKIE);
        if (token == null) {
            return Optional.empty();
        }
        Session session = find(token).orElseThrow(() -> new ApiProblem(401, "Unauthorized",
                "The console session has expired or was signed out; sign in again", COOKIE));
        if (!"GET".equals(method) && !"HEAD".equals(method) && (csrfHeader == null
                || !MessageDigest.isEqual(session.csrf().getBytes(StandardCharsets.UTF_8), csrfHeader.getBytes(StandardCharsets.UTF_8)))) {
            throw new ApiProblem(403, "Forbidden", "A change made with the console session needs the " + CSRF_HEADER
                    + " header", CSRF_HEADER);
        }
        return Optional.of(session.principal());
    }

    @Override
    public Optional<Principal> authenticate(String method, UnaryOperator<String> requestHeader) throws SQLException {
        return authenticate(requestHeader.apply("Cookie"), method, requestHeader.apply(CSRF_HEADER));
    }

    /** The value of cookie {@code name} in a Cookie request header, or null. */
    public static String cookie(String header, String name) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).strip().equals(name)) {
                String v = part.substring(eq + 1).strip();
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }
}
