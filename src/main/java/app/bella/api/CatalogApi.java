package app.bella.api;

import app.bella.api.ApiTransactions.Response;
import app.bella.api.model.CatalogBodies.ProviderChange;
import app.bella.api.model.CatalogBodies.ProviderCreate;
import app.bella.api.model.CatalogBodies.ServiceChange;
import app.bella.api.model.CatalogBodies.ServiceCreate;
import app.bella.support.Sql;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * Services (kinds of appointment, with their length) and providers (who or what is booked) over HTTP. Deleting
 * deactivates (active = false): existing appointments keep their service and provider; nothing new is booked on them.
 */
public final class CatalogApi {

    private static final String UNIQUE_VIOLATION = "23505";

    private final ApiTransactions tx;
    private final Runnable catalogChanged;

    /** @param catalogChanged told after a service or provider was created, changed or deleted (the cached catalog) */
    public CatalogApi(ApiTransactions tx, Runnable catalogChanged) {
        this.tx = tx;
        this.catalogChanged = catalogChanged;
    }

    // ------------------------------------------------------------------------------------------------ services

    public void listServices(Exchange exchange) throws SQLException {
        Boolean active = ApiSupport.queryBool(exchange, "active");
        tx.read(exchange, c -> Response.ok(list(c, "services-list", active, CatalogApi::service)));
    }

    public void getService(Exchange exchange) throws SQLException {
        long id = ApiSupport.pathId(exchange, "service");
        tx.read(exchange, c -> Response.ok(one(c, "service-by-id", id, "service", CatalogApi::service)));
    }

    /** POST /api/services {"name","durationMinutes"} */
    public void createService(Exchange exchange) throws SQLException {
        ObjectNode body = ApiSupport.object(exchange, ApiSupport.fields(ServiceCreate.class));
        String name = ApiSupport.text(body, "name", true, 100);
        Integer minutes = ApiSupport.integer(body, "durationMinutes", 5, 480);
        if (minutes == null) {
            throw ApiProblem.invalid("durationMinutes", "'durationMinutes' is required");
        }
        writeCatalog(exchange, c -> {
            try (PreparedStatement ps = c.prepareStatement(Sql.get("service-insert"))) {
                ps.setString(1, name);
                ps.setInt(2, minutes);
                return Response.created(single(ps, CatalogApi::service));
            } catch (SQLException e) {
                throw uniqueName(e, "service");
            }
        });
    }

    /** PATCH /api/services/{id} {"name"?,"durationMinutes"?,"active"?} */
    public void updateService(Exchange exchange) throws SQLException {
        long id = ApiSupport.pathId(exchange, "service");
        ObjectNode body = ApiSupport.object(exchange, ApiSupport.fields(ServiceChange.class));
        String name = body.has("name") ? ApiSupport.text(body, "name", true, 100) : null;
        Integer minutes = ApiSupport.integer(body, "durationMinutes", 5, 480);
        Boolean active = ApiSupport.bool(body, "active");
        writeCatalog(exchange, c -> Response.ok(updateService(c, id, name, minutes, active)));
    }

    /** DELETE /api/services/{id}: deactivates. */
    public void deleteService(Exchange exchange) throws SQLException {
        long id = ApiSupport.pathId(exchange, "service");
        writeCatalog(exchange, c -> {
            updateService(c, id, null, null, false);
            return Response.noContent();
        });
    }

    /** A write of the catalog: the cached copy is forgotten once it is over (committed or not: forgetting is harmless). */
    private void writeCatalog(Exchange exchange, ApiTransactions.Work work) throws SQLException {
        try {
            tx.write(exchange, work);
        } finally {
            catalogChanged.run();
        }
    }

    private Map<String, Object> updateService(Connection c, long id, String name, Integer minutes, Boolean active) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("service-update"))) {
            ps.setString(1, name);
            ps.setObject(2, minutes, Types.INTEGER);
            ps.setObject(3, active, Types.BOOLEAN);
            ps.setLong(4, id);
            Map<String, Object> out = single(ps, CatalogApi::service);
            if (out == null) {
                throw ApiProblem.notFound("No service " + id);
            }
            return out;
        } catch (SQLException e) {
            throw uniqueName(e, "service");
        }
    }

    private static Map<String, Object> service(ResultSet rs) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", rs.getLong("id"));
        out.put("name", rs.getString("name"));
        out.put("durationMinutes", rs.getInt("duration_minutes"));
        out.put("active", rs.getBoolean("active"));
        return out;
    }

    // ------------------------------------------------------------------------------------------------ providers

    public void listProviders(Exchange exchange) throws SQLException {
        Boolean active = ApiSupport.queryBool(exchange, "active");
        tx.read(exchange, c -> Response.ok(list(c, "providers-list", active, CatalogApi::provider)));
    }

    public void getProvider(Exchange exchange) throws SQLException {
        long id = ApiSupport.pathId(exchange, "provider");
        tx.read(exchange, c -> Response.ok(one(c, "provider-by-id", id, "provider", CatalogApi::provider)));
    }

    /** POST /api/providers {"name","sortOrder"?}: providers are tried in sort order when booking. */
    public void createProvider(Exchange exchange) throws SQLException {
        ObjectNode body = ApiSupport.object(exchange, ApiSupport.fields(ProviderCreate.class));
        String name = ApiSupport.text(body, "name", true, 100);
        Integer sortOrder = ApiSupport.integer(body, "sortOrder", -1_000_000, 1_000_000);
        writeCatalog(exchange, c -> {
            try (PreparedStatement ps = c.prepareStatement(Sql.get("provider-insert"))) {
                ps.setString(1, name);
                ps.setObject(2, sortOrder, Types.INTEGER);
                return Response.created(single(ps, CatalogApi::provider));
            } catch (SQLException e) {
                throw uniqueName(e, "provider");
            }
        });
    }

    /** PATCH /api/providers/{id} {"name"?,"sortOrder"?,"active"?} */
    public void updateProvider(Exchange exchange) throws SQLException {
        long id = ApiSupport.pathId(exchange, "provider");
        ObjectNode body = ApiSupport.object(exchange, ApiSupport.fields(ProviderChange.class));
        String name = body.has("name") ? ApiSupport.text(body, "name", true, 100) : null;
        Integer sortOrder = ApiSupport.integer(body, "sortOrder", -1_000_000, 1_000_000);
        Boolean active = ApiSupport.bool(body, "active");
        writeCatalog(exchange, c -> Response.ok(updateProvider(c, id, name, sortOrder, active)));
    }

    /** DELETE /api/providers/{id}: deactivates (its booked appointments stay). */
    public void deleteProvider(Exchange exchange) throws SQLException {
        long id = ApiSupport.pathId(exchange, "provider");
        writeCatalog(exchange, c -> {
            updateProvider(c, id, null, null, false);
            return Response.noContent();
        });
    }

    private Map<String, Object> updateProvider(Connection c, long id, String name, Integer sortOrder, Boolean active)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("provider-update"))) {
            ps.setString(1, name);
            ps.setObject(2, sortOrder, Types.INTEGER);
            ps.setObject(3, active, Types.BOOLEAN);
            ps.setLong(4, id);
            Map<String, Object> out = single(ps, CatalogApi::provider);
            if (out == null) {
                throw ApiProblem.notFound("No provider " + id);
            }
            return out;
        } catch (SQLException e) {
            throw uniqueName(e, "provider");
        }
    }

    private static Map<String, Object> provider(ResultSet rs) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", rs.getLong("id"));
        out.put("name", rs.getString("name"));
        out.put("sortOrder", rs.getInt("sort_order"));
        out.put("active", rs.getBoolean("active"));
        return out;
    }

    // ------------------------------------------------------------------------------------------------ shared

    @FunctionalInterface
    private interface Row {
        Map<String, Object> map(ResultSet rs) throws SQLException;
    }

    private static List<Map<String, Object>> list(Connection c, String sql, Boolean active, Row row) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get(sql))) {
            ps.setObject(1, active, Types.BOOLEAN);
            ps.setObject(2, active, Types.BOOLEAN);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.map(rs));
                }
            }
        }
        return out;
    }

    private static Map<String, Object> one(Connection c, String sql, long id, String what, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get(sql))) {
            ps.setLong(1, id);
            Map<String, Object> out = single(ps, row);
            if (out == null) {
                throw ApiProblem.notFound("No " + what + " " + id);
            }
            return out;
        }
    }

    private static Map<String, Object> single(PreparedStatement ps, Row row) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? row.map(rs) : null;
        }
    }

    private static SQLException uniqueName(SQLException e, String what) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
            throw ApiProblem.conflict("name", "Another " + what + " already has this name");
        }
        return e;
    }
}
