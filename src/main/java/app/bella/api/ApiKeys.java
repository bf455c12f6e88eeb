package app.bella.api;

import app.bella.support.Sql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * API keys: 64 random URL-safe characters (384 bits), shown once at creation; only their SHA-256 is stored, with a
 * label, a scope and the first characters (to tell keys apart in a list).
 */
public final class ApiKeys {

    public static final int PREFIX_LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key as listed (never the key itself). */
    public record Info(long id, String label, Scope scope, String prefix, Instant createdAt, Instant revokedAt) {
    }

    /** A new key: {@code key} is the only time the secret exists outside the caller's hands. */
    public record Created(Info info, String key) {
    }

    /** 48 random bytes, base64url without padding: exactly 64 characters. */
    public static String generate() {
        byte[] bytes = new byte[48];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Created create(Connection c, String label, Scope scope) throws SQLException {
        String key = generate();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("api-key-insert"))) {
            ps.setString(1, label);
            ps.setString(2, scope.wire());
            ps.setBytes(3, sha256(key));
            ps.setString(4, key.substring(0, PREFIX_LENGTH));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Created(info(rs), key);
            }
        }
    }

    /**
     * On a database where no key was ever created: one admin key, created in a transaction holding an advisory lock,
     * so of several instances starting together on an empty database exactly one creates it. Empty otherwise.
     */
    public Optional<Created> createFirstAdmin(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (PreparedStatement ps = c.prepareStatement(Sql.get("api-key-first-lock"))) {
                ps.execute();
            }
            Optional<Created> created = anyEverCreated(c) ? Optional.empty() : Optional.of(create(c, "first admin", Scope.ADMIN));
            c.commit();
            return created;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** The active key with this value, if any. */
    public Optional<Principal> find(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("api-key-by-hash"))) {
            ps.setBytes(1, sha256(key));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Principal.key(rs.getLong(1), Scope.parse(rs.getString(2)))) : Optional.empty();
            }
        }
    }

    /** Whether any key was ever created (revoked ones count: revoking the last key does not open the API). */
    public boolean anyEverCreated(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("api-key-any")); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    public List<Info> list(Connection c) throws SQLException {
        List<Info> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("api-key-list")); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(info(rs));
            }
        }
        return out;
    }

    /** Revokes (idempotent); false when there is no key with that id. */
    public boolean revoke(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("api-key-revoke"))) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static Info info(ResultSet rs) throws SQLException {
        return new Info(rs.getLong("id"), rs.getString("label"), Scope.parse(rs.getString("scope")), rs.getString("key_prefix"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant());
    }
}
