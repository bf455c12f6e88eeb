package app.bella.console;

import app.bella.support.Sql;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live updates for the console: GET /console/events is a server-sent event stream, authenticated by the session
 * cookie, served straight from the Vert.x router (a Camel route cannot hold a response open). A timer route calls
 * {@link #tick()}: while anyone is connected it fingerprints what the console shows (in PostgreSQL, so changes made
 * through any instance count) and sends {@code change} naming the panels to refetch.
 */
public final class ConsoleEvents {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleEvents.class);
    public static final String PATH = "/console/events";

    private record Client(String token, HttpServerResponse response, Context context) {
        void send(String text) {
            context.runOnContext(v -> {
                if (!response.closed() && !response.ended()) {
                    response.write(text);
                }
            });
        }

        void end() {
            context.runOnContext(v -> {
                if (!response.closed() && !response.ended()) {
                    response.end();
                }
            });
        }
    }

    private final DataSource dataSource;
    private final ConsoleSessions sessions;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private volatile Map<String, String> last = Map.of();
    private long ticks;

    public ConsoleEvents(DataSource dataSource, ConsoleSessions sessions) {
        this.dataSource = dataSource;
        this.sessions = sessions;
    }

    /** Adds GET /console/events to the platform-http router (once it exists, i.e. after Camel started). */
    public void install(CamelContext camel, int port) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(camel, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            router = VertxPlatformHttpRouter.lookup(camel);
        }
        if (router == null) {
            LOG.warn("No platform-http router found: the console falls back to polling");
            return;
        }
        router.get(PATH).handler(this::open);
    }

    public int connected() {
        return clients.size();
    }

    private void open(RoutingContext ctx) {
        String token = ConsoleSessions.cookie(ctx.request().getHeader("Cookie"), ConsoleSessions.COOKIE);
        Context context = ctx.vertx().getOrCreateContext();
        ctx.vertx().executeBlocking(() -> token == null ? java.util.Optional.<ConsoleSessions.Session>empty() : sessions.find(token), false)
                .onComplete(found -> {
                    HttpServerResponse response = ctx.response();
                    if (found.failed() || found.result().isEmpty()) {
                        response.setStatusCode(found.failed() ? 503 : 401).putHeader("Content-Type", "application/problem+json")
                                .putHeader("Cache-Control", "no-store")
                                .end("{\"status\":" + (found.failed() ? 503 : 401) + ",\"title\":\"" + (found.failed()
                                        ? "Unavailable" : "Unauthorized") + "\",\"detail\":\"Sign in to the console first\"}");
                        return;
                    }
                    response.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                            .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
                    Client client = new Client(token, response, context);
                    clients.add(client);
                    response.closeHandler(v -> clients.remove(client));
                    response.exceptionHandler(e -> clients.remove(client));
                    response.write("retry: 2000\n\nevent: hello\ndata: {}\n\n");
                });
    }

    /** One beat of the timer route: tell every console what changed; keep connections alive; drop ended sessions. */
    public void tick() throws SQLException {
        if (clients.isEmpty()) {
            last = Map.of();
            return;
        }
        ticks++;
        Map<String, String> now = fingerprint();
        List<String> changed = new ArrayList<>();
        Map<String, String> before = last;
        now.forEach((topic, value) -> {
            if (!before.isEmpty() && !Objects.equals(before.get(topic), value)) {
                changed.add(topic);
            }
        });
        last = now;
        if (!changed.isEmpty()) {
            String event = "event: change\ndata: {\"topics\":[\"" + String.join("\",\"", changed) + "\"]}\n\n";
            clients.forEach(c -> c.send(event));
        } else if (ticks % 15 == 0) {
            clients.forEach(c -> c.send(": keep-alive\n\n"));
        }
        if (ticks % 30 == 0) {
            for (Client c : clients) {
                if (sessions.find(c.token()).isEmpty()) { // signed out or expired: the stream ends with the session
                    clients.remove(c);
                    c.end();
                }
            }
        }
    }

    /** Ends the streams of a session that signed out. */
    public void closeSession(String token) {
        for (Client c : clients) {
            if (c.token().equals(token)) {
                clients.remove(c);
                c.end();
            }
        }
    }

    private Map<String, String> fingerprint() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(Sql.get("console-changes"));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            ResultSetMetaData md = rs.getMetaData();
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                out.put(md.getColumnLabel(i), rs.getString(i));
            }
            return out;
        }
    }
}
