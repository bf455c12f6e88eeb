package app.bella.platform;

import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * A body over camel.server.max-body-size is refused by Vert.x before any Camel route sees it; this makes that 413 an
 * RFC 9457 problem+json like every other API error, instead of Vert.x's plain text.
 */
final class HttpProblems {

    private HttpProblems() {
    }

    static void install(CamelContext camel) {
        for (VertxPlatformHttpRouter router : camel.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            router.route().failureHandler(ctx -> {
                if (ctx.statusCode() == 413) {
                    answer(ctx, 413, "Request body too large", "The request body is larger than this server accepts", true);
                } else {
                    ctx.next();
                }
            });
        }
    }

    private static void answer(RoutingContext ctx, int status, String title, String detail, boolean everywhere) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        ctx.response().setStatusCode(status);
        if (!everywhere && !ctx.request().path().startsWith("/api/")) {
            ctx.response().putHeader("Content-Type", "text/plain").end(title);
            return;
        }
        ctx.response().putHeader("Content-Type", "application/problem+json")
                .end("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                        + Json.escape(detail) + "\"}");
    }
}
