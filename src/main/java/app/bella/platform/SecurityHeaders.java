package app.bella.platform;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Security headers on every HTTP answer, set the moment its headers are written, so 404s, 413s and error answers
 * carry them as well as the routes' own: no MIME sniffing, no framing, no referrer, a strict Content-Security-Policy
 * (with what a page of Bella's own may load, for HTML), and no caching of API answers (they carry personal data).
 */
final class SecurityHeaders {

    static final String CSP_HTML = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    static final String CSP_OTHER = "default-src 'none'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    static void install(CamelContext camel) {
        for (VertxPlatformHttpRouter router : camel.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            router.route().order(Integer.MIN_VALUE).handler(ctx -> {
                ctx.addHeadersEndHandler(v -> add(ctx));
                ctx.next();
            });
        }
    }

    private static void add(RoutingContext ctx) {
        MultiMap headers = ctx.response().headers();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        // A route's own policy stands. A 304 carries no Content-Type, and the browser merges its headers into the stored
        // answer: "default-src 'none'" there would replace a cached page's policy and block the page's own scripts.
        if (!headers.contains("Content-Security-Policy") && ctx.response().getStatusCode() != 304) {
            String type = headers.get("Content-Type");
            headers.set("Content-Security-Policy", type != null && type.toLowerCase().startsWith("text/html") ? CSP_HTML : CSP_OTHER);
        }
        String path = ctx.normalizedPath();
        if (path != null && (path.equals("/api") || path.startsWith("/api/"))) {
            headers.set("Cache-Control", "no-store");
        }
    }
}
