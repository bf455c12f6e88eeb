package app.bella.platform;

import io.vertx.core.http.HttpMethod;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * GET /healthz ("the process is alive") answered on the Vert.x event loop, before any Camel route: no database, no
 * worker thread, so a liveness probe never queues behind webhooks that wait on a pool or an outside service. It runs
 * after the request-id and security-header handlers, so its answer carries theirs.
 */
final class Liveness {

    static final String PATH = "/healthz";
    private static final String UP = "{\"status\":\"UP\"}";

    private Liveness() {
    }

    static void install(CamelContext camel) {
        for (VertxPlatformHttpRouter router : camel.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            router.route(HttpMethod.GET, PATH).order(-9_000).handler(ctx -> ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .end(UP));
        }
    }
}
