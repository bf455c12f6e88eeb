package app.bella.platform;

import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Every HTTP request gets a request id before any route sees it: the caller's {@code X-Request-Id} when it is a sane
 * token (letters, digits, {@code ._-}, 8 to 64 characters), else a new one. It is set on the request (routes and
 * {@link LogContext} read it; Camel's breadcrumb uses it too) and on the response, so a client can quote it. Each
 * request to /api also gets one access line (method, path without the query, status, time): the query
 * string is left out because it may carry a phone number.
 */
final class RequestIds {

    private static final Logger ACCESS = LoggerFactory.getLogger("app.bella.access");

    static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private RequestIds() {
    }

    static void install(CamelContext camel) {
        for (VertxPlatformHttpRouter router : camel.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            router.route().order(-10_000).handler(ctx -> {
                String id = sane(ctx.request().getHeader(HEADER));
                ctx.request().headers().set(HEADER, id);
                ctx.request().headers().set("breadcrumbId", id);
                ctx.response().putHeader(HEADER, id);
                String path = ctx.request().path();
                if (path != null && path.startsWith("/api/")) {
                    long started = System.nanoTime();
                    String method = ctx.request().method().name();
                    String shown = path.length() > 120 ? path.substring(0, 120) + "…" : path;
                    ctx.addEndHandler(done -> {
                        MDC.put(LogContext.REQUEST_ID, id);
                        try {
                            ACCESS.info("{} {} {} {} ms", method, shown.replaceAll("[^\\x21-\\x7e]", "?"), ctx.response().getStatusCode(),
                                    (System.nanoTime() - started) / 1_000_000);
                        } finally {
                            MDC.remove(LogContext.REQUEST_ID);
                        }
                    });
                }
                ctx.next();
            });
        }
    }

    static String sane(String incoming) {
        return incoming != null && SANE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }
}
