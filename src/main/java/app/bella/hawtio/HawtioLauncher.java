package app.bella.hawtio;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.Callback;

/**
 * Hawtio 4 (the {@code io.hawt:hawtio-default} war) on an embedded Jetty 12, in its own JVM: Hawtio's Jolokia must not
 * meet Bella's. Logging in needs Hawtio's own user and password; {@code /} opens Hawtio with a "Bella" connection to
 * Bella's Jolokia already defined, and requests proxied to that Jolokia carry Bella's management credentials, so an
 * operator types one password, never Bella's.
 *
 * <p>Settings (environment variable, or the system property in brackets):
 * HAWTIO_USER [hawtio.user] (default admin), HAWTIO_PASSWORD [hawtio.password] (required, 12+ characters),
 * HAWTIO_HOST [hawtio.host] (default 127.0.0.1), HAWTIO_PORT [hawtio.port] (default 8090),
 * BELLA_JOLOKIA_URL [bella.jolokia-url] (default http://BELLA_MANAGEMENT_HOST:BELLA_MANAGEMENT_PORT/observe/jolokia,
 * i.e. http://127.0.0.1:9876/observe/jolokia), BELLA_MANAGEMENT_USER / BELLA_MANAGEMENT_PASSWORD (Bella's Jolokia
 * credentials, if it asks for them), hawtio.war (the war; Maven passes it).
 */
public final class HawtioLauncher implements AutoCloseable {

    static final String REALM = "bella-hawtio";
    static final String ROLE = "admin";

    /** What the launcher needs; {@code jolokiaUser} empty = Bella's Jolokia asks for no credentials. */
    public record Settings(String host, int port, String user, String password, URI jolokiaUrl, String jolokiaUser,
                           String jolokiaPassword, Path war) {
        public Settings {
            if (password == null || password.length() < 12) {
                throw new IllegalArgumentException("HAWTIO_PASSWORD is required (at least 12 characters): Hawtio never runs without a login");
            }
            if (user == null || user.isBlank()) {
                throw new IllegalArgumentException("HAWTIO_USER must not be empty");
            }
            if (!Files.isRegularFile(war)) {
                throw new IllegalArgumentException("The Hawtio war " + war + " does not exist (run through ./mvnw -Phawtio, or set -Dhawtio.war)");
            }
            if (jolokiaUrl.getHost() == null || !(jolokiaUrl.getScheme().equals("http") || jolokiaUrl.getScheme().equals("https"))) {
                throw new IllegalArgumentException("BELLA_JOLOKIA_URL must be an http(s) URL, e.g. http://127.0.0.1:9876/observe/jolokia");
            }
        }

        /** Hawtio's proxy path for Bella's Jolokia: /hawtio/proxy/http/host/port/path. */
        public String proxyPath() {
            int p = jolokiaUrl.getPort() > 0 ? jolokiaUrl.getPort() : jolokiaUrl.getScheme().equals("https") ? 443 : 80;
            return "/hawtio/proxy/" + jolokiaUrl.getScheme() + "/" + jolokiaUrl.getHost() + "/" + p + jolokiaUrl.getRawPath();
        }

        public static Settings fromEnvironment() {
            String mgmtHost = setting("BELLA_MANAGEMENT_HOST", "bella.management.host", "127.0.0.1");
            String mgmtPort = setting("BELLA_MANAGEMENT_PORT", "bella.management.port", "9876");
            String war = setting("HAWTIO_WAR", "hawtio.war", "");
            if (war.isBlank() || war.startsWith("${")) {
                war = Path.of(System.getProperty("user.home"), ".m2", "repository", "io", "hawt", "hawtio-default", "4.2.0",
                        "hawtio-default-4.2.0.war").toString();
            }
            return new Settings(
                    setting("HAWTIO_HOST", "hawtio.host", "127.0.0.1"),
                    Integer.parseInt(setting("HAWTIO_PORT", "hawtio.port", "8090")),
                    setting("HAWTIO_USER", "hawtio.user", "admin"),
                    setting("HAWTIO_PASSWORD", "hawtio.password", ""),
                    URI.create(setting("BELLA_JOLOKIA_URL", "bella.jolokia-url", "http://" + mgmtHost + ":" + mgmtPort + "/observe/jolokia")),
                    setting("BELLA_MANAGEMENT_USER", "bella.management.user", ""),
                    setting("BELLA_MANAGEMENT_PASSWORD", "bella.management.password", ""),
                    Path.of(war));
        }

        private static String setting(String env, String property, String fallback) {
            String v = System.getProperty(property);
            if (v == null || v.isBlank()) {
                v = System.getenv(env);
            }
            return v == null || v.isBlank() ? fallback : v;
        }
    }

    private final Server server;
    private final Settings settings;

    private HawtioLauncher(Settings settings) {
        this.settings = settings;
        this.server = new Server(new InetSocketAddress(settings.host(), settings.port()));
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.fromEnvironment();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        HawtioLauncher hawtio = start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(hawtio::close, "hawtio-stop"));
        System.out.println("Hawtio: http://" + settings.host() + ":" + hawtio.port() + "/ (user " + settings.user()
                + ") connected to Bella's Jolokia at " + settings.jolokiaUrl());
        hawtio.server.join();
    }

    public static HawtioLauncher start(Settings settings) throws Exception {
        configureHawtio(settings);
        HawtioLauncher launcher = new HawtioLauncher(settings);
        launcher.server.setHandler(new ContextHandlerCollection(launcher.hawtioContext(), launcher.startPage()));
        launcher.server.start();
        return launcher;
    }

    public int port() {
        return ((org.eclipse.jetty.server.NetworkConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("Stopping Hawtio failed: " + e);
        }
    }

    /** Hawtio reads its settings from system properties; its login goes through JAAS to {@link HawtioLoginModule}. */
    private static void configureHawtio(Settings settings) {
        System.setProperty("hawtio.authenticationEnabled", "true");
        System.setProperty("hawtio.realm", REALM);
        System.setProperty("hawtio.roles", ROLE);
        System.setProperty("hawtio.rolePrincipalClasses", HawtioLoginModule.RolePrincipal.class.getName());
        System.setProperty("hawtio.proxyAllowlist", "localhost,127.0.0.1," + settings.jolokiaUrl().getHost());
        System.setProperty("hawtio.localAddressProbing", "false");
        System.setProperty("hawtio.sessionTimeout", "3600");
        HawtioLoginModule.configure(settings.user(), settings.password());
        Configuration.setConfiguration(new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return REALM.equals(name) ? new AppConfigurationEntry[] {new AppConfigurationEntry(HawtioLoginModule.class.getName(),
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of())} : null;
            }
        });
    }

    private ContextHandler hawtioContext() throws IOException {
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/hawtio");
        webapp.setWar(settings.war().toString());
        Path temp = Files.createTempDirectory("bella-hawtio");
        webapp.setTempDirectory(temp.toFile());
        webapp.setTempDirectoryPersistent(false);
        // the login module lives on the launcher's class path: let the war see it
        webapp.setParentLoaderPriority(false);
        String target = settings.jolokiaUrl().getHost() + "/" + (settings.jolokiaUrl().getPort() > 0 ? settings.jolokiaUrl().getPort()
                : settings.jolokiaUrl().getScheme().equals("https") ? 443 : 80) + "/";
        if (!settings.jolokiaUser().isBlank()) {
            webapp.addFilter(new FilterHolder(new JolokiaCredentials(target, settings.jolokiaUser(), settings.jolokiaPassword())),
                    "/proxy/*", EnumSet.of(DispatcherType.REQUEST));
        }
        return webapp;
    }

    /** {@code /}: defines the "Bella" connection in the browser (Hawtio keeps connections there) and opens it. */
    private ContextHandler startPage() {
        URI j = settings.jolokiaUrl();
        int p = j.getPort() > 0 ? j.getPort() : j.getScheme().equals("https") ? 443 : 80;
        String connection = "{\"bella\":{\"id\":\"bella\",\"name\":\"Bella\",\"scheme\":\"" + j.getScheme() + "\",\"host\":\""
                + j.getHost() + "\",\"port\":" + p + ",\"path\":\"" + j.getRawPath() + "\"}}";
        String html = """
                <!doctype html><html><head><meta charset="utf-8"><title>Bella · Hawtio</title></head><body>
                <p>Opening Hawtio connected to Bella… (<a href="/hawtio/">Hawtio</a>)</p>
                <script>
                const saved = JSON.parse(localStorage.getItem('connect.connections') || '{}');
                Object.assign(saved, %s);
                localStorage.setItem('connect.connections', JSON.stringify(saved));
                location.replace('/hawtio/?con=bella');
                </script></body></html>""".formatted(connection);
        ContextHandler root = new ContextHandler("/");
        root.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (!"/".equals(Request.getPathInContext(request))) {
                    return false;
                }
                response.getHeaders().put("Content-Type", "text/html; charset=utf-8");
                response.getHeaders().put("Cache-Control", "no-store");
                response.write(true, java.nio.ByteBuffer.wrap(html.getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        return root;
    }

    /**
     * Adds Bella's management credentials (X-Jolokia-Authorization, which Hawtio's proxy forwards as basic auth) to
     * proxied requests for Bella's Jolokia that carry none. Hawtio's own login still guards /proxy/*.
     */
    static final class JolokiaCredentials implements Filter {
        private final String target;
        private final String header;

        JolokiaCredentials(String target, String user, String password) {
            this.target = target;
            this.header = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            String path = http.getPathInfo() == null ? "" : http.getPathInfo();
            boolean forBella = path.startsWith("/http/" + target) || path.startsWith("/https/" + target);
            if (!forBella || http.getHeader("X-Jolokia-Authorization") != null) {
                chain.doFilter(request, response);
                return;
            }
            chain.doFilter(new HttpServletRequestWrapper(http) {
                @Override
                public String getHeader(String name) {
                    return "X-Jolokia-Authorization".equalsIgnoreCase(name) ? header : super.getHeader(name);
                }

                @Override
                public Enumeration<String> getHeaders(String name) {
                    return "X-Jolokia-Authorization".equalsIgnoreCase(name) ? Collections.enumeration(List.of(header)) : super.getHeaders(name);
                }
            }, response);
        }
    }
}
