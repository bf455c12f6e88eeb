package app.bella.platform;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public port served by several Vert.x event loops instead of Camel's one. Camel's platform-http server listens on
 * a single event loop; under load that one thread shares the cores with a few hundred others, gets a small share of a
 * core, and every request — {@code /healthz} included — waits behind its backlog (at 24 Whisper calls/s on two cores
 * probes waited up to 5 s; with one event loop per core, and /readyz on the event loop, the median probe took ~20 ms
 * and the slowest ~1 s, docs/performance.md). Vert.x
 * spreads the connections of servers listening on the same host and port over their event loops, so each extra server
 * with Camel's own request handler (the router with every route, body limit and security handler) adds an event loop.
 * Their number is {@code bella.http.event-loops} (one per core by default; more cost call-start throughput on two cores:
 * 1,547 call starts/s with one, 1,447 with two, 1,284 with four, docs/performance.md).
 *
 * <p>The extra servers close before Camel's (a service added later stops first), so a stop drains the same way.
 */
final class PublicEventLoops extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(PublicEventLoops.class);

    private final Vertx vertx;
    private final String deployment;

    private PublicEventLoops(Vertx vertx, String deployment) {
        this.vertx = vertx;
        this.deployment = deployment;
    }

    /**
     * Listens on the public port once more on {@code eventLoops} event loops ({@code 0}: one per core, at most the
     * Vert.x instance's pool), unless that is one. Nothing is added when Camel's server uses TLS: its options are
     * Camel's to make.
     */
    static void spread(CamelContext camel, int publicPort, int eventLoops) throws Exception {
        VertxPlatformHttpServer publicServer = camel.hasServices(VertxPlatformHttpServer.class).stream()
                .filter(s -> s.getConfigurationPort() == publicPort)
                .findFirst().orElse(null);
        if (publicServer == null || publicServer.getServer() == null) {
            return;
        }
        Vertx vertx = publicServer.getVertx();
        int pool = 0;
        for (EventExecutor ignored : vertx.nettyEventLoopGroup()) {
            pool++;
        }
        int wanted = Math.min(pool, eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors());
        if (wanted <= 1) {
            return;
        }
        if (publicServer.isUseGlobalSslContextParameters()) {
            LOG.warn("HTTP: the public server uses TLS; it stays on one event loop");
            return;
        }
        HttpServer first = publicServer.getServer();
        Handler<HttpServerRequest> router = first.requestHandler();
        int port = first.actualPort();
        String host = publicServer.getHost();
        // one verticle instance per event loop (Vert.x gives each instance the next one of its pool, so they are all
        // different); connections are shared out per event loop, so Camel's server sharing one does not tilt the balance
        String deployment = vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start(Promise<Void> started) {
                vertx.createHttpServer(new HttpServerOptions()).requestHandler(router).listen(port, host)
                        .<Void>mapEmpty().onComplete(started);
            }
        }, new DeploymentOptions().setInstances(wanted)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        camel.addService(new PublicEventLoops(vertx, deployment));
        LOG.info("HTTP: the public port is served by {} event loops (at least)", wanted);
    }

    @Override
    protected void doStop() throws Exception {
        vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS); // closes its servers
    }
}
