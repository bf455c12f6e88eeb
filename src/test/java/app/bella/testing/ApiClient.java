package app.bella.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The JSON API as an integration calls it: X-API-Key, JSON bodies, optional Idempotency-Key. */
public final class ApiClient {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** HTTP/1.1 like most integrations (and without h2c's limit of concurrent streams on one connection). */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final BellaServer bella;
    private final String key;

    public ApiClient(BellaServer bella, String key) {
        this.bella = bella;
        this.key = key;
    }

    public ApiClient withKey(String otherKey) {
        return new ApiClient(bella, otherKey);
    }

    /** A response with its body parsed (null when empty or not JSON). */
    public record Reply(int status, HttpResponse<String> raw, JsonNode json) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    public Reply get(String path) throws Exception {
        return send("GET", path, null, Map.of());
    }

    public Reply post(String path, Object body) throws Exception {
        return send("POST", path, body, Map.of());
    }

    public Reply post(String path, Object body, Map<String, String> headers) throws Exception {
        return send("POST", path, body, headers);
    }

    public Reply put(String path, Object body) throws Exception {
        return send("PUT", path, body, Map.of());
    }

    public Reply patch(String path, Object body) throws Exception {
        return send("PATCH", path, body, Map.of());
    }

    public Reply delete(String path) throws Exception {
        return send("DELETE", path, null, Map.of());
    }

    /** {@code body}: a String is sent as it is, anything else as JSON. */
    public Reply send(String method, String path, Object body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(bella.uri(path));
        if (key != null) {
            b.header("X-API-Key", key);
        }
        boolean contentType = headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Content-Type"));
        if (body != null && !contentType) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        b.method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        HttpResponse<String> r = HTTP.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        try {
            json = r.body().isEmpty() ? null : JSON.readTree(r.body());
        } catch (Exception e) {
            // not JSON
        }
        return new Reply(r.statusCode(), r, json);
    }
}
