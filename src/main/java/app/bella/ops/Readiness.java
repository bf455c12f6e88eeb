package app.bella.ops;

import app.bella.support.Json;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Answers /readyz: ready when PostgreSQL answers a query and every route is started — what serving a call needs.
 * Kafka is reported in the body but does not gate readiness: while it is unreachable the transactional outbox keeps
 * every event and calls still book, so a load balancer must not take every instance out for it (its state belongs in
 * the health details and the alerts).
 *
 * <p>A probe never waits and never takes a pooled connection: it answers from state kept up to date in the
 * background. PostgreSQL is asked by one background thread about once a second on the background pool (one check at a
 * time; an answer older than {@link #staleAfter()} counts as DOWN, so a hung check shows), Kafka by an asynchronous
 * metadata request whenever the last one has come back.
 */
public final class Readiness implements AutoCloseable {

    private static final Duration DATABASE_CHECK_EVERY = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final Admin kafka;
    private final CamelContext camel;
    private final int timeoutMillis;
    private final Duration staleAfter;
    /** The last Kafka answer ("UP" or why not) and whether a metadata request is in flight. */
    private volatile String kafkaState = "UNKNOWN: not asked yet";
    private volatile boolean draining;
    private final java.util.concurrent.atomic.AtomicBoolean kafkaAsking = new java.util.concurrent.atomic.AtomicBoolean();
    /** The last database answer and when it was given; replaced by the background check only. */
    private volatile DatabaseAnswer database = new DatabaseAnswer("DOWN: not asked yet", System.nanoTime());
    private final ScheduledExecutorService databaseChecks;

    private record DatabaseAnswer(String state, long atNanos) {
    }

    /** @param dataSource the background pool: the check must never take a connection a webhook needs */
    public Readiness(DataSource dataSource, String kafkaBootstrapServers, CamelContext camel, int timeoutMillis) {
        this.dataSource = dataSource;
        this.camel = camel;
        this.timeoutMillis = timeoutMillis;
        // a check may take the query timeout (rounded up to seconds) plus a second's pause before the next one
        this.staleAfter = Duration.ofMillis(Math.max(3_000, 2L * Math.max(1000, timeoutMillis) + DATABASE_CHECK_EVERY.toMillis()));
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMillis));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMillis));
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "bella-readiness");
        this.kafka = Admin.create(p);
        kafka(); // the first answer is on its way before the first probe
        databaseChecks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bella-readiness-database");
            t.setDaemon(true);
            return t;
        });
        // fixed delay on one thread: never two checks in flight, a slow one delays the next
        databaseChecks.scheduleWithFixedDelay(this::checkDatabase, 0, DATABASE_CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How old the last database answer may be before readiness takes the database for DOWN. */
    public Duration staleAfter() {
        return staleAfter;
    }

    /**
     * From now on /readyz answers 503 ("shutting down"): the instance stops first at the load balancer, and then, once
     * no new request reaches it, stops serving (BellaApplication drains for bella.shutdown.drain-ms in between).
     */
    public void drain() {
        draining = true;
    }

    /** Check results by dependency name: "UP" or the reason it is down. */
    public Map<String, String> check() {
        Map<String, String> checks = new LinkedHashMap<>();
        if (draining) {
            checks.put("instance", "DOWN: shutting down");
        }
        checks.put("database", database());
        checks.put("kafka", kafka());
        checks.put("routes", routes());
        return checks;
    }

    /** What /readyz answers: up (200) or not (503), and the checks as JSON. */
    public record Answer(boolean up, String json) {
    }

    /** The answer of /readyz, from kept state only: it never waits, so the event loop may give it. */
    public Answer answer() {
        Map<String, String> checks = check();
        boolean up = checks.entrySet().stream().filter(e -> !e.getKey().equals("kafka")).allMatch(e -> "UP".equals(e.getValue()));
        StringBuilder json = new StringBuilder("{\"status\":\"").append(up ? "UP" : "DOWN").append("\",\"checks\":{");
        String sep = "";
        for (Map.Entry<String, String> e : checks.entrySet()) {
            json.append(sep).append('"').append(e.getKey()).append("\":\"").append(Json.escape(e.getValue())).append('"');
            sep = ",";
        }
        json.append("}}");
        return new Answer(up, json.toString());
    }

    /** The last database answer, or DOWN when the background check has not answered for too long. */
    private String database() {
        DatabaseAnswer last = database;
        long ageMillis = (System.nanoTime() - last.atNanos()) / 1_000_000;
        if (ageMillis > staleAfter.toMillis()) {
            return "DOWN: PostgreSQL has not answered the readiness check for " + ageMillis + " ms";
        }
        return last.state();
    }

    private void checkDatabase() {
        String state;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(Math.max(1, timeoutMillis / 1000));
            s.execute("SELECT 1");
            state = "UP";
        } catch (Exception e) {
            state = "DOWN: " + rootMessage(e);
        } catch (Throwable t) { // keep the schedule alive whatever happens
            state = "DOWN: " + t;
        }
        database = new DatabaseAnswer(state, System.nanoTime());
    }

    /** The last known Kafka state; asks again in the background unless a request is already in flight. */
    private String kafka() {
        if (kafkaAsking.compareAndSet(false, true)) {
            kafka.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMillis)).clusterId()
                    .whenComplete((id, failure) -> {
                        kafkaState = failure == null ? "UP" : "DOWN: " + rootMessage(failure);
                        kafkaAsking.set(false);
                    });
        }
        return kafkaState;
    }

    private String routes() {
        if (!camel.isStarted()) {
            return "DOWN: Camel is " + camel.getStatus();
        }
        for (Route route : camel.getRoutes()) {
            ServiceStatus status = camel.getRouteController().getRouteStatus(route.getRouteId());
            if (status == ServiceStatus.Stopped && Boolean.FALSE.equals(route.isAutoStartup())) {
                continue; // switched off by configuration (e.g. customer SMS without a sender number), not broken
            }
            if (status != ServiceStatus.Started) {
                return "DOWN: route " + route.getRouteId() + " is " + status;
            }
        }
        return "UP";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void close() {
        databaseChecks.shutdownNow();
        kafka.close(java.time.Duration.ofSeconds(2));
    }
}
