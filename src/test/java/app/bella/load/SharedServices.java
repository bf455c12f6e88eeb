package app.bella.load;

import app.bella.platform.EmbeddedKafkaBroker;
import app.bella.platform.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.util.Map;

/**
 * One PostgreSQL or one Kafka broker, in a process of its own, for several Bella instances to share (and for the
 * fault drills to stop and start again on the same data and port). Uses Bella's own embedded servers; runs until
 * SIGTERM, which stops the server cleanly.
 *
 * <pre>java -cp … app.bella.load.SharedServices postgres --data target/load/shared --port 15432
 * java -cp … app.bella.load.SharedServices kafka --data target/load/shared --port 19092</pre>
 */
public final class SharedServices {

    private SharedServices() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Args.parse(args);
        String what = a.getOrDefault("_0", "");
        Path data = Path.of(a.getOrDefault("data", "target/load/shared"));
        int port = Args.integer(a, "port", 0);
        AutoCloseable server;
        String address;
        switch (what) {
            case "postgres" -> {
                // no application role: the shared server stands in for a configured PostgreSQL (as in the tests)
                EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(data, port, false);
                server = pg;
                address = pg.jdbcUrl("postgres");
            }
            case "kafka" -> {
                EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(data, port);
                server = kafka;
                address = kafka.bootstrapServers();
            }
            default -> throw new IllegalArgumentException("usage: SharedServices postgres|kafka --data DIR --port N");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("stopping " + what + " failed: " + e);
            }
        }));
        System.out.println(what + " ready at " + address);
        Thread.currentThread().join();
    }
}
