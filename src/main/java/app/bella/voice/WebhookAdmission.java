package app.bella.voice;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission control for Twilio's webhooks, on the event loop before their routes run. While more webhooks are in
 * progress than the call path serves well, the two kinds of request that carry nothing the caller said — a new call's
 * first request and a Whisper turn's poll — are answered with a one-second hold ({@code <Pause>} and a
 * {@code <Redirect>} back to the same URL) instead of queueing behind the others. The calls already talking go first;
 * a herd of new calls waits a second at a time instead of every webhook waiting past its connection timeout (measured:
 * 1,000 callers at once failed 906 webhooks without this, docs/performance.md). A hold costs no thread, no connection
 * and no row.
 *
 * <p>A request is held at most {@code maxHolds} times (the count travels in the URL), then admitted whatever the load,
 * so a caller never waits more than that many seconds. A turn, a recording and a status callback are always admitted:
 * they carry the caller's words or Twilio's news, which a redirect would lose. The hold is answered before the
 * signature is checked — an unsigned request can do no more than be told to come back, which changes nothing.
 */
public final class WebhookAdmission implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookAdmission.class);
    /** The query parameter that counts a request's holds. */
    public static final String HOLD_PARAM = "hold";
    /** Every Twilio webhook. */
    public static final String PATHS = "/twilio/*";
    static final String CALL_START_PATH = "/twilio/voice";
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final int maxInProgress;
    private final int maxHolds;
    private final AtomicInteger inProgress = new AtomicInteger();
    private final LongAdder held = new LongAdder();
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    /** {@code maxInProgress} 0 or less: never hold. */
    public WebhookAdmission(int maxInProgress, int maxHolds) {
        this.maxInProgress = maxInProgress;
        this.maxHolds = Math.max(0, maxHolds);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.request().path();
        int holds = holds(ctx.request().getParam(HOLD_PARAM));
        if (maxInProgress > 0 && holdable(path) && holds < maxHolds && inProgress.get() >= maxInProgress) {
            hold(ctx, holds);
            return;
        }
        inProgress.incrementAndGet();
        AtomicBoolean finished = new AtomicBoolean();
        ctx.addEndHandler(done -> {
            if (finished.compareAndSet(false, true)) {
                inProgress.decrementAndGet();
            }
        });
        ctx.next();
    }

    /** Webhooks admitted and not yet answered. */
    public int inProgress() {
        return inProgress.get();
    }

    /** Requests answered with a hold since the start. */
    public long held() {
        return held.sum();
    }

    /** What a held request is answered: a second's pause, then the same request again, its hold counted. */
    static String holdTwiml(String uri, int holds) {
        return Twiml.response().pause(1).redirect(withHolds(uri, holds + 1)).toXml();
    }

    /** The URI with its {@code hold} parameter set to {@code holds} (replaced if present, else appended). */
    static String withHolds(String uri, int holds) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        StringBuilder query = new StringBuilder();
        if (q >= 0) {
            for (String pair : uri.substring(q + 1).split("&")) {
                if (!pair.isEmpty() && !pair.equals(HOLD_PARAM) && !pair.startsWith(HOLD_PARAM + "=")) {
                    query.append(query.length() == 0 ? "" : "&").append(pair);
                }
            }
        }
        query.append(query.length() == 0 ? "" : "&").append(HOLD_PARAM).append('=').append(holds);
        return path + "?" + query;
    }

    static boolean holdable(String path) {
        return CALL_START_PATH.equals(path) || CallFlow.POLL_PATH.equals(path);
    }

    static int holds(String value) {
        try {
            return value == null ? 0 : Math.max(0, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void hold(RoutingContext ctx, int holds) {
        held.increment();
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            LOG.warn("{} webhooks in progress (limit {}): new calls and Whisper polls are held a second at a time ({} held "
                    + "so far)", inProgress.get(), maxInProgress, held.sum());
        }
        String twiml = holdTwiml(ctx.request().uri(), holds);
        Runnable answer = () -> {
            if (!ctx.response().ended()) {
                ctx.response().putHeader("Content-Type", "text/xml").end(twiml);
            }
        };
        HttpServerRequest request = ctx.request();
        if (request.isEnded()) {
            answer.run();
            return;
        }
        // the body is read and dropped chunk by chunk (no route's body limit applies here, so nothing is kept)
        // before answering, so the connection stays usable for the next request
        request.handler(chunk -> { });
        request.endHandler(end -> answer.run());
        request.resume();
    }
}
