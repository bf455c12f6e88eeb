package app.bella.testing;

import app.bella.platform.BellaApplication;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;

/**
 * The real Bella application started in-process on an ephemeral port, on the shared test PostgreSQL (a fresh
 * database) and Kafka broker. Tests talk to it over HTTP exactly as Twilio and operators do.
 */
public final class BellaServer implements AutoCloseable {

    /** A bootstrap admin key long enough for Bella to accept it (32+ characters); send it as X-API-Key. */
    public static final String ADMIN_KEY = "test-admin-key-0123456789abcdef0123456789";

    private final BellaApplication app;
    private final int port;
    private final int managementPort;
    private final String dbUrl;
    private final Properties properties;
    private Path ownDataDir; // the data directory start(Map) made, deleted on close
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BellaServer(Properties properties, int port, int managementPort, String dbUrl) {
        this.properties = properties;
        this.port = port;
        this.managementPort = managementPort;
        this.dbUrl = dbUrl;
        this.app = new BellaApplication(properties);
    }

    /** Starts on the shared infrastructure with extra properties (property names, not environment names). */
    public static BellaServer start(Map<String, String> extra) throws Exception {
        SharedInfrastructure infra = SharedInfrastructure.get();
        Properties p = new Properties();
        p.setProperty("bella.db.url", infra.newDatabase());
        p.setProperty("bella.db.user", "postgres");
        p.setProperty("bella.kafka.bootstrap-servers", infra.kafkaBootstrapServers());
        // a data directory of its own unless the test brings one (deleted on close)
        Path dataDir = extra.containsKey("bella.data-dir") ? null : Files.createTempDirectory("bella-test-data");
        if (dataDir != null) {
            p.setProperty("bella.data-dir", dataDir.toString());
        }
        p.putAll(extra);
        BellaServer server;
        try {
            server = start(p);
        } catch (Exception | Error e) { // a test of a refused start: nothing will close the server
            TempDirectories.delete(dataDir);
            throw e;
        }
        server.ownDataDir = dataDir;
        return server;
    }

    public static BellaServer start() throws Exception {
        return start(Map.of());
    }

    /** Starts with exactly these properties plus a free HTTP port and a free management port. */
    public static BellaServer start(Properties properties) throws Exception {
        Properties p = new Properties();
        p.setProperty("bella.shutdown.drain-ms", "0"); // tests stop servers by the hundred; the drill tests drain
        p.setProperty("bella.db.second-connection-fails", "true"); // any code that holds two connections fails its test
        p.putAll(properties);
        int[] ports = freePorts(2); // held together while picked: two separate picks can return the same port
        int port = ports[0];
        int managementPort = ports[1];
        p.setProperty("camel.server.port", String.valueOf(port));
        p.setProperty("bella.management.port", String.valueOf(managementPort));
        BellaServer server = new BellaServer(p, port, managementPort, p.getProperty("bella.db.url"));
        try {
            server.app.start();
            server.awaitReady(Duration.ofSeconds(60));
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Stops this instance and starts a new one with the same properties and database (a restart). */
    public BellaServer restart() throws Exception {
        close();
        Properties p = new Properties();
        p.putAll(properties);
        p.remove("camel.server.port");
        p.remove("bella.management.port");
        return start(p);
    }

    /** Stops this instance and starts a new one on the same ports and database (clients reconnect to the same address). */
    public BellaServer restartOnTheSamePorts() throws Exception {
        close();
        BellaServer server = new BellaServer(properties, port, managementPort, dbUrl);
        try {
            server.app.start();
            server.awaitReady(Duration.ofSeconds(60));
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The management server (/observe/health, /observe/metrics, /observe/jolokia), on loopback. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public int managementPort() {
        return managementPort;
    }

    /** GET on the management server, e.g. {@code observe("/observe/metrics")}. */
    public HttpResponse<String> observe(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(managementUrl() + path)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public CamelContext camel() {
        return app.camelContext();
    }

    public Connection jdbc() throws Exception {
        return DriverManager.getConnection(dbUrl, "postgres", "");
    }

    /** The JDBC URL of this instance's database (user postgres, no password). */
    public String dbUrl() {
        return dbUrl;
    }

    public String databaseName() {
        return dbUrl.substring(dbUrl.lastIndexOf('/') + 1);
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GET with an X-API-Key (the API needs one). */
    public HttpResponse<String> get(String path, String apiKey) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("X-API-Key", apiKey).GET());
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The test's HTTP client (HTTP/1.1 not forced), for requests that need their own body handler. */
    public HttpClient http() {
        return http;
    }

    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    private void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            try {
                last = get("/readyz").statusCode();
                if (last == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Bella did not become ready on port " + port + " (last /readyz status " + last + ")");
    }

    @Override
    public void close() throws Exception {
        app.stop();
        TempDirectories.delete(ownDataDir);
    }

    public static int freePort() throws IOException {
        return freePorts(1)[0];
    }

    /** Distinct free ports: every socket stays bound until all are picked, so the system cannot hand one out twice. */
    public static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket();
                sockets[i].setReuseAddress(true);
                sockets[i].bind(new InetSocketAddress("127.0.0.1", 0));
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }
}
