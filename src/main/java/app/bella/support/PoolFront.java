package app.bella.support;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source in front of a connection pool that decides how a connection is handed out ({@link #getConnection()})
 * and passes everything else to the pool; it only hands out the pool's own credentials.
 */
public abstract class PoolFront implements DataSource {

    protected final DataSource pooled;

    protected PoolFront(DataSource pool) {
        this.pooled = pool;
    }

    @Override
    public final Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("connections are made with the pool's credentials");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pooled.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pooled.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pooled.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pooled.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pooled.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return iface.isInstance(pooled) ? iface.cast(pooled) : pooled.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || iface.isInstance(pooled) || pooled.isWrapperFor(iface);
    }
}
