package app.bella.api;

import app.bella.api.ApiTransactions.Response;
import app.bella.api.model.KeyBodies.ApiKeyCreate;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API keys over HTTP (admin scope): create (the key is in the 201 response and nowhere else, not even in the stored
 * Idempotency-Key response), list, revoke.
 */
public final class KeysApi {

    private static final Logger LOG = LoggerFactory.getLogger(KeysApi.class);

    private final ApiTransactions tx;
    private final ApiKeys keys;

    public KeysApi(ApiTransactions tx, ApiKeys keys) {
        this.tx = tx;
        this.keys = keys;
    }

    /** POST /api/keys {"label","scope"} → 201 {"id","label","scope","prefix","createdAt","revokedAt","key"} */
    public void create(Exchange exchange) throws SQLException {
        ObjectNode body = ApiSupport.object(exchange, ApiSupport.fields(ApiKeyCreate.class));
        String label = ApiSupport.text(body, "label", true, 100);
        Scope scope;
        try {
            scope = Scope.parse(ApiSupport.text(body, "scope", true, 10));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("scope", "'scope' must be read, write or admin");
        }
        tx.write(exchange, c -> {
            ApiKeys.Created created = keys.create(c, label, scope);
            LOG.info("API key {} '{}' created with scope {}", created.info().id(), label, scope.wire());
            Map<String, Object> out = info(created.info());
            out.put("key", created.key());
            // a replay (same Idempotency-Key) cannot show the key again: it is stored nowhere
            Map<String, Object> replay = info(created.info());
            replay.put("key", null);
            replay.put("keyShownOnlyOnce", true);
            return Response.created(out).replayedAs(replay);
        });
    }

    /** GET /api/keys */
    public void list(Exchange exchange) throws SQLException {
        tx.read(exchange, c -> {
            List<Map<String, Object>> out = new ArrayList<>();
            keys.list(c).forEach(k -> out.add(info(k)));
            return Response.ok(out);
        });
    }

    /** DELETE /api/keys/{id} → 204; requests with the key are refused (401) from then on. */
    public void revoke(Exchange exchange) throws SQLException {
        long id = ApiSupport.pathId(exchange, "API key");
        tx.write(exchange, c -> {
            if (!keys.revoke(c, id)) {
                throw ApiProblem.notFound("No API key " + id);
            }
            LOG.info("API key {} revoked", id);
            return Response.noContent();
        });
    }

    static Map<String, Object> info(ApiKeys.Info k) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", k.id());
        out.put("label", k.label());
        out.put("scope", k.scope().wire());
        out.put("prefix", k.prefix());
        out.put("createdAt", k.createdAt().toString());
        out.put("revokedAt", k.revokedAt() == null ? null : k.revokedAt().toString());
        return out;
    }
}
