package app.bella.platform;

import app.bella.ops.Readiness;

import app.bella.events.OutboxBeans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Bella: camel-main with the routes and Kamelets from the top-level folders, on top of PostgreSQL and Kafka
 * (embedded ones when none is configured). Also used in-process by the tests, with override properties.
 */
public final class BellaApplication {

    private static final Logger LOG = LoggerFactory.getLogger(BellaApplication.class);

    private final Main main;
    private final long createdNanos = System.nanoTime();
    private Infrastructure infrastructure;
    private Readiness readiness;
    private final Object drainLock = new Object();
    private boolean drained;
    private OutboxBeans outbox;

    public BellaApplication(Properties overrides) {
        main = new Main(); // no package scan: Java routes are added explicitly, so test classes never leak in
        Properties props = new Properties();
        props.putAll(overrides);
        String routesDir = setting(overrides, "bella.routes.dir", "BELLA_ROUTES_DIR", "routes");
        String kameletsDir = setting(overrides, "bella.kamelets.dir", "BELLA_KAMELETS_DIR", "kamelets");
        props.setProperty("bella.routes.dir", routesDir);
        props.setProperty("bella.routes.location", Files.isDirectory(Path.of(routesDir)) ? "file:" + routesDir : "classpath:routes");
        props.setProperty("bella.kamelets.location",
                Files.isDirectory(Path.of(kameletsDir)) ? "file:" + kameletsDir + ",classpath:kamelets" : "classpath:kamelets");
        main.setOverrideProperties(props);
        main.addMainListener(new Lifecycle());
    }

    public static void main(String[] args) throws Exception {
        if (Cli.handles(args)) { // an administrative subcommand: no HTTP server, no Kafka
            System.exit(Cli.run(args, new Properties(), System.out, System.err));
        }
        BellaApplication app = new BellaApplication(new Properties());
        // on SIGTERM the JVM would halt before PostgreSQL (not our child process) is stopped: wait for a full stop
        Runtime.getRuntime().addShutdownHook(new Thread(app::stopAndAwait, "bella-shutdown"));
        int exit;
        try {
            exit = app.main.run(args);
        } catch (Exception e) {
            // a failed start must end the process (the embedded servers' threads would keep a half-started JVM alive)
            LOG.error("Bella did not start: {}", e.toString(), e);
            exit = 1;
        }
        System.exit(exit);
    }

    /** Starts without blocking (tests); {@link #stop()} shuts down routes first, then Kafka and PostgreSQL. */
    public void start() throws Exception {
        main.start();
    }

    public void stop() throws Exception {
        drain();
        main.stop();
        closeInfrastructure(); // also when start failed half-way and camel-main never reached afterStop
    }

    /**
     * SIGTERM: /readyz turns 503 first and Bella keeps serving for bella.shutdown.drain-ms, so a load balancer takes the
     * instance out before its routes stop (a stopping route answers 503 to a request that still reaches it). Camel's
     * shutdown hook and Bella's both come here; the second waits for the first.
     */
    private void drain() {
        synchronized (drainLock) {
            if (drained || readiness == null) {
                return;
            }
            drained = true;
            long millis;
            try {
                millis = Long.parseLong(main.getCamelContext().getPropertiesComponent()
                        .resolveProperty("bella.shutdown.drain-ms").orElse("0").strip());
            } catch (RuntimeException e) {
                return; // not started far enough to serve anything
            }
            if (millis <= 0) {
                return;
            }
            readiness.drain();
            LOG.info("Shutting down: not ready any more, still serving for {} ms", millis);
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized void closeInfrastructure() {
        if (outbox != null) {
            outbox.close(); // the relay's Kafka producer, before Kafka goes away
            outbox = null;
        }
        if (readiness != null) {
            readiness.close();
            readiness = null;
        }
        if (infrastructure != null) {
            infrastructure.close();
            infrastructure = null;
        }
    }

    private void stopAndAwait() {
        try {
            stop();
        } catch (Exception e) {
            LOG.warn("Shutdown failed: {}", e.toString());
        }
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    public Infrastructure infrastructure() {
        return infrastructure;
    }

    private static String setting(Properties overrides, String property, String env, String fallback) {
        String value = overrides.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    private final class Lifecycle extends MainListenerSupport {

        @Override
        public void beforeConfigure(BaseMainSupport support) {
            CamelContext camel = support.getCamelContext();
            PropertiesComponent props = camel.getPropertiesComponent();
            secureManagementPlane(props);
            try {
                infrastructure = Infrastructure.open(new Infrastructure.Settings(
                        Path.of(required(props, "bella.data-dir")),
                        props.resolveProperty("bella.db.url").orElse(""),
                        props.resolveProperty("bella.db.user").orElse(""),
                        props.resolveProperty("bella.db.password").orElse(""),
                        Integer.parseInt(required(props, "bella.db.pool-size")),
                        Integer.parseInt(required(props, "bella.db.background-pool-size")),
                        Integer.parseInt(required(props, "bella.db.embedded-port")),
                        props.resolveProperty("bella.kafka.bootstrap-servers").orElse(""),
                        Integer.parseInt(required(props, "bella.kafka.embedded-port"))));
            } catch (Exception e) {
                throw new IllegalStateException("Bella could not open its database or Kafka: " + e.getMessage(), e);
            }
            props.addOverrideProperty("bella.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
            // the database answer is kept up to date on the background pool: a probe never takes a connection
            readiness = new Readiness(infrastructure.backgroundDataSource(), infrastructure.kafkaBootstrapServers(), camel,
                    Integer.parseInt(required(props, "bella.readiness.timeout-ms")));
            camel.getRegistry().bind("dataSource", infrastructure.dataSource());
            camel.getRegistry().bind("backgroundDataSource", infrastructure.backgroundDataSource());
            camel.getRegistry().bind("readiness", readiness);
            // the relay waits for Kafka's acknowledgements inside its transaction: on the background pool
            outbox = OutboxBeans.create(name -> props.resolveProperty(name).orElse(null), infrastructure.backgroundDataSource(),
                    infrastructure.kafkaBootstrapServers());
            camel.getRegistry().bind("outboxWriter", outbox.writer());
            camel.getRegistry().bind("outboxRelay", outbox.relay());
            outbox.registerMetricsOnStart(camel);
            Beans.bind(camel, infrastructure.dataSource(), infrastructure.backgroundDataSource());
            try {
                camel.addStartupListener(new org.apache.camel.StartupListener() {
                    @Override
                    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                        // nothing yet: the HTTP router exists once the context is fully started
                    }

                    @Override
                    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                        HttpProblems.install(context);
                        SecurityHeaders.install(context);
                        RequestIds.install(context);
                        Probes.install(context, readiness);
                        installPollWait(context);
                        spreadPublicServer(context);
                        infrastructure.startKafka(); // serving first: its clients retry until it is up
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** The public port on one event loop per core (PublicEventLoops), once every handler is on Camel's router. */
        private void spreadPublicServer(CamelContext context) {
            PropertiesComponent props = context.getPropertiesComponent();
            try {
                PublicEventLoops.spread(context, Integer.parseInt(required(props, "camel.server.port")),
                        Integer.parseInt(required(props, "bella.http.event-loops")));
            } catch (Exception e) {
                throw new IllegalStateException("Bella could not listen on its public port: " + e.getMessage(), e);
            }
        }

        /** A Whisper turn's poll waits on the event loop before its route runs (PollWait), then every webhook passes admission. */
        private static void installPollWait(CamelContext context) {
            app.bella.voice.PollWait pollWait = context.getRegistry().lookupByNameAndType("pollWait", app.bella.voice.PollWait.class);
            app.bella.voice.WebhookAdmission admission = context.getRegistry().lookupByNameAndType("webhookAdmission",
                    app.bella.voice.WebhookAdmission.class);
            for (org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter router
                    : context.getRegistry().findByType(org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter.class)) {
                router.route(io.vertx.core.http.HttpMethod.POST, app.bella.voice.PollWait.path()).order(-5_000).handler(pollWait);
                // after a poll's wait (which holds nothing), before any webhook's route
                router.route(io.vertx.core.http.HttpMethod.POST, app.bella.voice.WebhookAdmission.PATHS).order(-4_000)
                        .handler(admission);
            }
        }

        @Override
        public void afterConfigure(BaseMainSupport support) {
            try {
                infrastructure.awaitDatabase(); // started while the routes were loaded; the routes start next
            } catch (Exception e) {
                throw new IllegalStateException("Bella could not open its database: " + e.getMessage(), e);
            }
        }

        @Override
        public void afterStart(BaseMainSupport support) {
            LOG.info(StartupSummary.of(support.getCamelContext(), infrastructure, (System.nanoTime() - createdNanos) / 1_000_000));
        }

        @Override
        public void beforeStop(BaseMainSupport support) {
            drain();
        }

        @Override
        public void afterStop(BaseMainSupport support) {
            closeInfrastructure();
        }

        /** /observe/* on its own port; authenticated when it listens beyond loopback (refuses to start otherwise). */
        private void secureManagementPlane(PropertiesComponent props) {
            ManagementPlane.Settings management;
            try {
                management = ManagementPlane.configure(name -> props.resolveProperty(name).orElse(null),
                        Path.of(required(props, "bella.data-dir")));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Could not write the management users file: " + e.getMessage(), e);
            }
            if (management.authenticate()) {
                props.addOverrideProperty("camel.management.authentication-enabled", "true");
                props.addOverrideProperty("camel.management.basic-properties-file", management.usersFile().toString());
            }
        }

        private String required(PropertiesComponent props, String key) {
            return props.resolveProperty(key).orElseThrow(() -> new IllegalStateException("Missing property " + key));
        }
    }
}
