package app.bella.platform;

import app.bella.support.Json;

import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * A body over camel.server.max-body-size is refused by Vert.x before any Camel route sees it; this makes that 413 an
 * RFC 9457 problem+json like every other API error, instead of Vert.x's plain text, and a refused Twilio webhook
 * valid TwiML (Twilio hangs up on an error status).
 */
final class HttpProblems {

    private HttpProblems() {
    }

    static void install(CamelContext camel) {
        for (VertxPlatformHttpRouter router : camel.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            router.route().failureHandler(ctx -> {
                if ((ctx.statusCode() == 400 || ctx.statusCode() == 413) && ctx.request().path().startsWith("/twilio/")) {
                    twilioAskAgain(ctx);
                } else if (ctx.statusCode() == 413) {
                    answer(ctx, 413, "Request body too large", "The request body is larger than this server accepts", true);
                } else {
                    ctx.next();
                }
            });
        }
    }

    /**
     * A Twilio webhook whose form Vert.x refused (a field over 8 KB, a body over the limit) never reaches its route;
     * Twilio would hang up on the 4xx. A voice webhook is told to post the same turn again (Twilio then sends only the
     * call's standard fields, so the turn is heard as silence and asked again); the others get an empty answer.
     */
    private static void twilioAskAgain(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        String path = ctx.request().path();
        app.bella.voice.Twiml twiml = app.bella.voice.Twiml.response();
        if (path.equals("/twilio/voice")) {
            twiml.redirect(path);
        } else if (path.equals("/twilio/voice/turn") || path.equals("/twilio/voice/recorded") || path.equals("/twilio/voice/poll")) {
            String n = ctx.request().getParam("n");
            String t = ctx.request().getParam("t");
            boolean turn = n != null && n.matches("\\d{1,6}"); // without one, the current question is asked again
            twiml.redirect(turn ? path + "?n=" + n + (t != null && t.matches("\\d{1,3}") ? "&t=" + t : "") : path);
        }
        ctx.response().setStatusCode(200).putHeader("Content-Type", "text/xml").end(twiml.toXml());
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
