package app.bella.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker inside the JVM, with its log in a directory that survives restarts
 * (topics, records and consumer offsets are kept even when the ports change).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats {@code dataDir/kafka} on first use and starts the broker; port 0 picks a free port. */
    public static EmbeddedKafkaBroker start(Path dataDir, int port) throws IOException {
        Path kafkaDir = dataDir.resolve("kafka").toAbsolutePath();
        Path logDir = kafkaDir.resolve("logs");
        Files.createDirectories(logDir);
        int brokerPort = port > 0 ? port : Infrastructure.freeLocalPort();
        int controllerPort = Infrastructure.freeLocalPort();
        Properties props = brokerProperties(logDir, brokerPort, controllerPort);
        Path configFile = kafkaDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            props.store(out, "written by Bella at every start of the embedded broker");
        }
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(configFile);
        }
        keepTheJvmWhenKafkaGivesUp();
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
        server.startup();
        String bootstrap = bootstrapServers(brokerPort);
        awaitReady(bootstrap, Duration.ofSeconds(60));
        return new EmbeddedKafkaBroker(server, bootstrap);
    }

    /**
     * A broker that cannot write its log (the disk is full) halts its JVM — here Bella's, with every call in progress.
     * Bella instead keeps serving without Kafka, as in any Kafka outage: events wait in the outbox and the
     * outbox-backlog alert reports it. The broker's thread that wanted to halt ends with the exception.
     */
    static void keepTheJvmWhenKafkaGivesUp() {
        Exit.Procedure instead = (status, message) -> {
            LOG.error("Embedded Kafka stopped (it asked to end the JVM with status {}{}); Bella goes on without it,"
                    + " events wait in the outbox until Bella restarts with room on the data directory",
                    status, message == null ? "" : ": " + message);
            throw new IllegalStateException("embedded Kafka gave up (status " + status + ")");
        };
        Exit.setHaltProcedure(instead);
        Exit.setExitProcedure(instead);
    }

    /** The address clients use for a broker listening on {@code port}. */
    public static String bootstrapServers(int port) {
        return "127.0.0.1:" + port;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Stops the broker, waiting at most {@link #STOP_WAIT}: a broker that gave up (its log directory failed) waits
     * minutes for a controlled shutdown that cannot happen, and the JVM is going away anyway; the next start recovers
     * the log.
     */
    @Override
    public void close() {
        Thread stop = new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, "embedded-kafka-stop");
        stop.setDaemon(true);
        stop.start();
        try {
            stop.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stop.isAlive()) {
            LOG.warn("Embedded Kafka did not stop within {} s; left to end with the JVM", STOP_WAIT.toSeconds());
        }
    }

    static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", logDir.toString()),
                Map.entry("num.partitions", "3"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("min.insync.replicas", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("log.cleaner.dedupe.buffer.size", "2097152"),
                // a restart after kill -9 would otherwise wait for the old session to expire
                Map.entry("broker.session.timeout.ms", "3000"),
                Map.entry("broker.heartbeat.interval.ms", "500"),
                Map.entry("auto.create.topics.enable", "true")));
        return p;
    }

    private static void format(Path configFile) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String[] args = {"format", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString(), "--ignore-formatted"};
        int rc = StorageTool.execute(args, new PrintStream(output, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("Formatting the Kafka log directory failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private static void awaitReady(String bootstrap, Duration timeout) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(p)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Embedded Kafka broker did not become ready at " + bootstrap, e);
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
    }
}
