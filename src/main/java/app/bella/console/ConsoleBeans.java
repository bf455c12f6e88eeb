package app.bella.console;

import app.bella.api.ApiSupport;
import app.bella.voice.CallStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;

/** Binds the console's beans (docs/console.md) and adds its live-event stream to the HTTP router once Camel runs. */
public final class ConsoleBeans {

    private ConsoleBeans() {
    }

    public static void bind(CamelContext camel, DataSource dataSource, ApiSupport api, Clock clock, ZoneId zone,
                            Function<String, String> property) {
        ConsoleSessions sessions = new ConsoleSessions(dataSource,
                Duration.ofMinutes(Math.round(Double.parseDouble(property.apply("bella.console.session-hours")) * 60)));
        api.useConsoleSessions(sessions);
        ConsoleEvents events = new ConsoleEvents(dataSource, sessions);
        int port = Integer.parseInt(property.apply("camel.server.port"));
        String host = property.apply("camel.server.host");
        String local = "http://" + (host.isBlank() || host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host) + ":" + port;
        String publicUrl = property.apply("bella.public-url");
        ConsoleApi.TestCallSettings testCalls = new ConsoleApi.TestCallSettings(local, publicUrl,
                property.apply("bella.twilio.auth-token"), Boolean.parseBoolean(property.apply("bella.twilio.validate-signature")));
        ConsoleAssets assets = new ConsoleAssets();
        camel.getRegistry().bind("consoleAssets", assets);
        camel.getRegistry().bind("consoleEvents", events);
        camel.getRegistry().bind("consoleSystem", new ConsoleSystem(camel, dataSource));
        camel.getRegistry().bind("consoleApi", new ConsoleApi(dataSource, api, sessions, events, new CallStore(), clock, zone,
                new BigDecimal(property.apply("bella.alerts.monthly-budget-usd")), testCalls, publicUrl.startsWith("https://"), assets));
        try {
            camel.addStartupListener(new StartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                    // the router exists once the HTTP server has started: see below
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                    events.install(context, port);
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
