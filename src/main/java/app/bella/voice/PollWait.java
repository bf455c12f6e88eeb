package app.bella.voice;

import app.bella.understanding.TranscriptionSignals;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * The wait of a Whisper turn, before the {@code voice-poll} route sees the request: on the event loop, the request
 * is held (paused, its body unread) until the turn's transcription settles or the wait is over, then handed on.
 * No worker thread and no database connection wait meanwhile — a timer and a callback do — so a hundred callers
 * waiting for Whisper cost a hundred small objects, not a hundred threads. The route then reads the job once.
 *
 * <p>The turn comes from the poll URL Bella wrote ({@link CallFlow#pollUrl}); an unsigned request can do no more
 * than wait this bounded time, since the route still checks the signature and reads the CallSid from the signed
 * form. The first poll of a turn ({@code t=0}) waits {@code firstWait}, later ones {@code pollWait}.
 */
public final class PollWait implements Handler<RoutingContext> {

    /** Query parameter of the poll URL that names the call. */
    public static final String CALL_PARAM = "call";
    private static final Pattern CALL_SID = Pattern.compile("CA[0-9a-fA-F]{32}");

    private final TranscriptionSignals signals;
    private final Duration firstWait;
    private final Duration pollWait;

    public PollWait(TranscriptionSignals signals, Duration firstWait, Duration pollWait) {
        this.signals = signals;
        this.firstWait = firstWait;
        this.pollWait = pollWait;
    }

    /** The path this handler serves. */
    public static String path() {
        return CallFlow.POLL_PATH;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String callSid = ctx.request().getParam(CALL_PARAM);
        int turn = number(ctx.request().getParam("n"));
        int attempt = number(ctx.request().getParam("t"));
        CompletableFuture<Void> settled = callSid != null && CALL_SID.matcher(callSid).matches() && turn > 0 && attempt >= 0
                ? signals.whenSettled(callSid, turn) : null;
        long waitMillis = (attempt == 0 ? firstWait : pollWait).toMillis();
        if (settled == null || settled.isDone() || waitMillis <= 0) {
            ctx.next();
            return;
        }
        ctx.request().pause(); // the body stays unread until the route's body handler resumes it
        Vertx vertx = ctx.vertx();
        Context context = vertx.getOrCreateContext();
        AtomicBoolean resumed = new AtomicBoolean();
        Runnable resume = () -> {
            if (resumed.compareAndSet(false, true)) {
                context.runOnContext(v -> ctx.next());
            }
        };
        long timer = vertx.setTimer(waitMillis, id -> resume.run());
        settled.whenComplete((ok, failure) -> {
            vertx.cancelTimer(timer);
            resume.run();
        });
    }

    private static int number(String value) {
        try {
            return value == null ? -1 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
