package app.bella.events;

import app.bella.testing.SharedInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/** A fresh database on the shared test PostgreSQL with Bella's schema migrated, for tests without the whole app. */
final class OutboxDatabase {

    final String url;

    private OutboxDatabase(String url) {
        this.url = url;
    }

    static OutboxDatabase create() {
        OutboxDatabase db = new OutboxDatabase(SharedInfrastructure.get().newDatabase());
        Flyway.configure().dataSource(db.url, "postgres", "").locations("classpath:db/migration").load().migrate();
        return db;
    }

    /** A connection with auto-commit off: a transaction the test commits or rolls back. */
    Connection transaction() throws SQLException {
        Connection c = connection();
        c.setAutoCommit(false);
        return c;
    }

    Connection connection() throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }

    PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser("postgres");
        return ds;
    }
}
