package app.bella.platform;

import app.bella.ops.Readiness;
import io.vertx.core.http.HttpMethod;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * The probes, answered on the Vert.x event loop before any Camel route: GET /healthz ("the process is alive") and GET
 * /readyz (PostgreSQL and the routes as last checked in the background, Kafka reported only; 503 names what is down).
 * No database, no worker thread: under load a probe never queues behind webhooks that hold the worker threads, wait on
 * a pool or an outside service (measured: /readyz as a route waited up to 2 s at 24 Whisper calls/s). They run after
 * the request-id and security-header handlers, so their answers carry theirs.
 */
final class Probes {

    static final String LIVENESS = "/healthz";
    static final String READINESS = "/readyz";
    private static final String UP = "{\"status\":\"UP\"}";

    private Probes() {
    }

    static void install(CamelContext camel, Readiness readiness) {
        for (VertxPlatformHttpRouter router : camel.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            router.route(HttpMethod.GET, LIVENESS).order(-9_000).handler(ctx -> ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .end(UP));
            router.route(HttpMethod.GET, READINESS).order(-9_000).handler(ctx -> {
                Readiness.Answer answer = readiness.answer();
                ctx.response().setStatusCode(answer.up() ? 200 : 503)
                        .putHeader("Content-Type", "application/json")
                        .end(answer.json());
            });
        }
    }
}
