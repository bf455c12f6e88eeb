package app.bella.api;

import app.bella.platform.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Requests per caller per fixed window (an hour by default), counted in PostgreSQL so that every instance shares
 * one budget per key. A window's count is one row; the first request of a window removes the caller's old rows.
 */
public final class RateLimiter {

    private final DataSource dataSource;
    private final int limit;
    private final int windowSeconds;

    public RateLimiter(DataSource dataSource, int limit, int windowSeconds) {
        this.dataSource = dataSource;
        this.limit = limit;
        this.windowSeconds = windowSeconds;
    }

    /** Counts one request; throws a 429 problem with Retry-After once the caller's budget for the window is spent. */
    public void hit(Principal principal) throws SQLException {
        if (limit <= 0) {
            return; // 0 = unlimited
        }
        int count;
        int retryAfter;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(Sql.get("api-rate-hit"))) {
                ps.setString(1, principal.id());
                ps.setInt(2, windowSeconds);
                ps.setInt(3, windowSeconds);
                ps.setInt(4, windowSeconds);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    count = rs.getInt(1);
                    retryAfter = Math.max(1, rs.getInt(2));
                }
            }
            if (count == 1) {
                try (PreparedStatement ps = c.prepareStatement(Sql.get("api-rate-expire"))) {
                    ps.setString(1, principal.id());
                    ps.setInt(2, windowSeconds);
                    ps.executeUpdate();
                }
            }
        }
        if (count > limit) {
            throw new ApiProblem(429, "Too many requests", "This API key has used its " + limit + " requests for this window; retry in "
                    + retryAfter + " s", "X-API-Key").withHeader("Retry-After", String.valueOf(retryAfter));
        }
    }
}
