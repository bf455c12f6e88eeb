package app.bella.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.apache.camel.Exchange;

/**
 * Serves the console's static files from the jar: {@code /} is the page, {@code /console/static/…} its scripts,
 * styles and the charting library (the uPlot WebJar). Files are read once, gzipped once, and revalidated by ETag, so
 * the console works on a network without Internet access.
 */
public final class ConsoleAssets {

    /** The page's Content-Security-Policy: everything from this origin, nothing inline, nothing framed. */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final Map<String, String> VENDOR = Map.of(
            "vendor/uPlot.iife.min.js", UPLOT + "uPlot.iife.min.js",
            "vendor/uPlot.min.css", UPLOT + "uPlot.min.css");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon");

    private record Asset(byte[] plain, byte[] gzip, String type, String etag) {
    }

    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

    /** Exchange property: the signed-in session as JSON, written into the page so it starts without asking. */
    public static final String SESSION_JSON = "bella.console.session";

    /** GET / and GET /console/static/{file}: 200 (gzip when accepted), 304 on a matching ETag, 404 otherwise. */
    public void serve(Exchange exchange) throws IOException {
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, "", String.class);
        String uri = exchange.getMessage().getHeader(Exchange.HTTP_URI, "", String.class);
        String name = uri.equals("/") || uri.isEmpty() || path.equals("/") ? "index.html" : file(uri);
        String acceptEncoding = exchange.getMessage().getHeader("Accept-Encoding", "", String.class);
        String ifNoneMatch = exchange.getMessage().getHeader("If-None-Match", String.class);
        exchange.getMessage().removeHeaders("*");
        Optional<Asset> asset = name == null ? Optional.empty() : cache.computeIfAbsent(name, ConsoleAssets::load);
        if (asset.isEmpty()) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
            exchange.getMessage().setBody("Not found");
            return;
        }
        Asset a = asset.get();
        String session = exchange.getProperty(SESSION_JSON, String.class);
        if (session != null && a.type().startsWith("text/html")) {
            a = withSession(a, session); // personal: never cached, no ETag
            exchange.getMessage().setHeader("Cache-Control", "no-store");
            ifNoneMatch = null;
        } else {
            exchange.getMessage().setHeader("ETag", a.etag());
            exchange.getMessage().setHeader("Cache-Control", "no-cache");
        }
        exchange.getMessage().setHeader("X-Content-Type-Options", "nosniff");
        exchange.getMessage().setHeader("Vary", "Accept-Encoding");
        if (a.type().startsWith("text/html")) {
            exchange.getMessage().setHeader("Content-Security-Policy", CSP);
            exchange.getMessage().setHeader("Referrer-Policy", "no-referrer");
            exchange.getMessage().setHeader("X-Frame-Options", "DENY");
        }
        if (a.etag().equals(ifNoneMatch)) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 304);
            exchange.getMessage().setBody(null);
            return;
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, a.type());
        if (acceptEncoding.toLowerCase(Locale.ROOT).contains("gzip")) {
            exchange.getMessage().setHeader("Content-Encoding", "gzip");
            exchange.getMessage().setBody(a.gzip());
        } else {
            exchange.getMessage().setBody(a.plain());
        }
    }

    private static Asset withSession(Asset page, String json) throws IOException {
        String escaped = json.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("'", "&#39;");
        byte[] plain = new String(page.plain(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("<meta name=\"bella-session\" content=\"\">", "<meta name=\"bella-session\" content=\"" + escaped + "\">")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new Asset(plain, gzip(plain), page.type(), page.etag());
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(plain);
        }
        return zipped.toByteArray();
    }

    /** The file name under /console/static/, or null when the path is not one we serve. */
    private static String file(String uri) {
        String path = uri.split("\\?", 2)[0];
        String prefix = "/console/static/";
        if (!path.startsWith(prefix)) {
            return null;
        }
        String name = path.substring(prefix.length());
        return name.matches("(vendor/)?[A-Za-z0-9_-]+(\\.[A-Za-z0-9]+)+") ? name : null;
    }

    private static Optional<Asset> load(String name) {
        String resource = VENDOR.getOrDefault(name, name.startsWith("vendor/") ? null : "console/" + name);
        String ext = name.substring(name.lastIndexOf('.') + 1);
        if (resource == null || !TYPES.containsKey(ext)) {
            return Optional.empty();
        }
        try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] plain = in.readAllBytes();
            String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plain), 0, 8) + "\"";
            return Optional.of(new Asset(plain, gzip(plain), TYPES.get(ext), etag));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
