package app.bella.api;

import app.bella.support.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Forgets idempotency records older than the retention (run hourly by a timer route). */
public final class ApiHousekeeping {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHousekeeping.class);

    private final DataSource dataSource;
    private final int retentionHours;

    public ApiHousekeeping(DataSource dataSource, int retentionHours) {
        this.dataSource = dataSource;
        this.retentionHours = retentionHours;
    }

    public int sweep() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(Sql.get("api-idempotency-expire"))) {
            ps.setInt(1, retentionHours);
            int n = ps.executeUpdate();
            if (n > 0) {
                LOG.info("Forgot {} idempotency records older than {} h", n, retentionHours);
            }
            return n;
        }
    }
}
