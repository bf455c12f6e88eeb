package app.bella.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.bella.testing.BellaServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.junit.jupiter.api.Test;

/** The public port is served by several event loops, each with the whole router, and none listens after a stop. */
class PublicEventLoopsTest {

    @Test
    void connectionsAreSpreadOverTheEventLoopsAndEveryOneServesTheWholeRouter() throws Exception {
        BellaServer bella = BellaServer.start(Map.of("bella.http.event-loops", "2"));
        int port = bella.port();
        try {
            Set<String> eventLoops = eventLoopsAnswering(bella, 6);
            // two of Bella's, and Camel's own server, which may share an event loop with one of them
            assertThat(eventLoops).hasSizeBetween(2, 3).allMatch(name -> name.startsWith("vert.x-eventloop-thread-"));
            for (int i = 0; i < 6; i++) { // Bella's own handlers and routes answer whichever event loop has the connection
                assertThat(get(port, "/healthz")).startsWith("HTTP/1.1 200").contains("nosniff").contains("\"UP\"");
                assertThat(get(port, "/api/services")).startsWith("HTTP/1.1 401").contains("application/problem+json");
            }
        } finally {
            bella.close();
        }
        assertThatThrownBy(() -> get(port, "/healthz")).as("no server is left on the port after a stop")
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void oneEventLoopKeepsCamelsServerAlone() throws Exception {
        try (BellaServer bella = BellaServer.start(Map.of("bella.http.event-loops", "1"))) {
            assertThat(eventLoopsAnswering(bella, 4)).hasSize(1);
        }
    }

    /** The threads that answered {@code connections} requests, each on a connection of its own. */
    private static Set<String> eventLoopsAnswering(BellaServer bella, int connections) throws IOException {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(bella.camel(),
                VertxPlatformHttpRouter.getRouterNameFromPort(bella.port()));
        router.route("/test/event-loop").order(-10_000).handler(ctx -> ctx.response().end(Thread.currentThread().getName()));
        Set<String> threads = new HashSet<>();
        for (int i = 0; i < connections; i++) { // Vert.x hands new connections to the event loops in turn
            String answer = get(bella.port(), "/test/event-loop");
            assertThat(answer).startsWith("HTTP/1.1 200");
            threads.add(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        }
        return threads;
    }

    /** One GET on a connection of its own (Connection: close), the whole answer as text. */
    private static String get(int port, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
