package app.bella.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A logical dump of Bella's schema with plain JDBC (the embedded PostgreSQL ships no pg_dump): every table's rows
 * with COPY, in foreign-key order, the sequences, and the Flyway version the schema was at. It is a zip stream:
 * {@code manifest.json} first (schema version, tables, sequences), then {@code tables/<name>.copy} (COPY text format),
 * then {@code counts.json}. Taken in one REPEATABLE READ transaction, so a running Bella gives a consistent copy.
 * A restore migrates an empty database to the dump's schema version, loads the rows, sets the sequences, then
 * migrates to the current version.
 */
final class DatabaseDump {

    static final int FORMAT = 1;
    private static final String HISTORY = "flyway_schema_history";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Rows per table restored or dumped. */
    record Summary(String schemaVersion, Map<String, Long> rows) {
        long total() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private DatabaseDump() {
    }

    static Summary dump(Connection c, OutputStream out) throws SQLException, IOException {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        try {
            String version = schemaVersion(c);
            if (version == null) {
                throw new IllegalStateException("The database has no Bella schema (no " + HISTORY + "): nothing to back up");
            }
            List<String> tables = tablesInDependencyOrder(c);
            Map<String, Long> sequences = sequences(c);
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("format", FORMAT);
            manifest.put("createdAt", Instant.now().toString());
            manifest.put("schemaVersion", version);
            ArrayNode tableList = manifest.putArray("tables");
            tables.forEach(tableList::add);
            ObjectNode seq = manifest.putObject("sequences");
            sequences.forEach(seq::put);
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            zip.closeEntry();
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            Map<String, Long> rows = new LinkedHashMap<>();
            for (String table : tables) {
                zip.putNextEntry(new ZipEntry("tables/" + table + ".copy"));
                rows.put(table, copy.copyOut("COPY " + quote(table) + " TO STDOUT", unclosable(zip)));
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("counts.json"));
            zip.write(JSON.writeValueAsBytes(rows));
            zip.closeEntry();
            zip.finish();
            return new Summary(version, rows);
        } finally {
            c.rollback();
            c.setReadOnly(false);
        }
    }

    /** Loads a dump into a database that holds no Bella data (migrating it first); checks the row counts. */
    static Summary restore(DataSource ds, InputStream in) throws SQLException, IOException {
        ZipInputStream zip = new ZipInputStream(in);
        ZipEntry entry = zip.getNextEntry();
        if (entry == null || !entry.getName().equals("manifest.json")) {
            throw new IOException("The backup has no manifest");
        }
        JsonNode manifest = JSON.readTree(zip.readAllBytes());
        if (manifest.path("format").asInt() != FORMAT) {
            throw new IOException("Unknown backup format " + manifest.path("format"));
        }
        String version = manifest.path("schemaVersion").asText();
        // the schema as it was when the dump was taken; newer migrations run after the data is in
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").target(MigrationVersion.fromVersion(version)).load().migrate();
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            List<String> tables = new ArrayList<>();
            manifest.path("tables").forEach(t -> tables.add(t.asText()));
            Set<String> existing = new LinkedHashSet<>(tablesInDependencyOrder(c));
            for (String table : tables) {
                if (!existing.contains(table)) {
                    throw new IOException("The backup has a table " + table + " that schema version " + version + " does not have");
                }
            }
            try (Statement s = c.createStatement()) {
                // rows that migrations seed (the default provider and service) are replaced by the backup's
                s.execute("TRUNCATE " + String.join(", ", existing.stream().map(DatabaseDump::quote).toList()) + " RESTART IDENTITY CASCADE");
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            Map<String, Long> expected = null;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                if (name.startsWith("tables/") && name.endsWith(".copy")) {
                    String table = name.substring("tables/".length(), name.length() - ".copy".length());
                    if (!tables.contains(table)) {
                        throw new IOException("The backup's table " + table + " is not in its manifest");
                    }
                    rows.put(table, copy.copyIn("COPY " + quote(table) + " FROM STDIN", unclosable(zip)));
                } else if (name.equals("counts.json")) {
                    expected = new LinkedHashMap<>();
                    for (var it = JSON.readTree(zip.readAllBytes()).fields(); it.hasNext(); ) {
                        var e = it.next();
                        expected.put(e.getKey(), e.getValue().asLong());
                    }
                }
            }
            if (expected == null || !expected.equals(rows)) {
                throw new IOException("The backup is incomplete: expected rows " + expected + ", restored " + rows);
            }
            try (PreparedStatement setval = c.prepareStatement("SELECT setval(?::regclass, ?, true)")) {
                for (var it = manifest.path("sequences").fields(); it.hasNext(); ) {
                    var e = it.next();
                    setval.setString(1, quote(e.getKey()));
                    setval.setLong(2, Math.max(1, e.getValue().asLong()));
                    setval.execute();
                }
            }
            c.commit();
        }
        Infrastructure.migrate(ds);
        return new Summary(version, rows);
    }

    /** Rows in the tables that hold a practice's business data; 0 = safe to restore into. */
    static long businessRows(Connection c) throws SQLException {
        if (schemaVersion(c) == null) {
            return 0;
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM appointment) + (SELECT count(*) FROM customer) + (SELECT count(*) FROM call_session)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String schemaVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet exists = s.executeQuery("SELECT to_regclass('" + HISTORY + "') IS NOT NULL")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                return null;
            }
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM " + HISTORY + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The schema's tables (Flyway's history excluded), every table after the tables it references. */
    static List<String> tablesInDependencyOrder(Connection c) throws SQLException {
        Map<String, Set<String>> references = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '"
                     + HISTORY + "' ORDER BY tablename")) {
            while (rs.next()) {
                references.put(rs.getString(1), new LinkedHashSet<>());
            }
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT src.relname, dst.relname FROM pg_constraint k
                       JOIN pg_class src ON src.oid = k.conrelid JOIN pg_class dst ON dst.oid = k.confrelid
                       JOIN pg_namespace n ON n.oid = src.relnamespace
                      WHERE k.contype = 'f' AND n.nspname = current_schema()""")) {
            while (rs.next()) {
                if (references.containsKey(rs.getString(1)) && !rs.getString(1).equals(rs.getString(2))) {
                    references.get(rs.getString(1)).add(rs.getString(2));
                }
            }
        }
        List<String> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (ordered.size() < references.size()) {
            boolean progress = false;
            for (var e : references.entrySet()) {
                if (!placed.contains(e.getKey()) && placed.containsAll(e.getValue())) {
                    ordered.add(e.getKey());
                    placed.add(e.getKey());
                    progress = true;
                }
            }
            if (!progress) {
                throw new IllegalStateException("Foreign keys form a cycle among " + references.keySet());
            }
        }
        return ordered;
    }

    private static Map<String, Long> sequences(Connection c) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT sequencename, coalesce(last_value, 0) FROM pg_sequences WHERE schemaname = current_schema() ORDER BY 1")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private static InputStream unclosable(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // the zip stream goes on with the next entry
            }
        };
    }
}
