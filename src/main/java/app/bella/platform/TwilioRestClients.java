package app.bella.platform;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import java.util.List;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import java.util.Map;

/**
 * A Twilio REST client whose requests go to a configurable base URL (Twilio itself by default; a sandbox or WireMock
 * in tests). camel-twilio has no base-URL option, so the client rewrites each request's URL before sending it.
 */
public final class TwilioRestClients {

    static final String TWILIO_API = "https://api.twilio.com";

    private TwilioRestClients() {
    }

    public static TwilioRestClient create(String accountSid, String authToken, String baseUrl) {
        String sid = accountSid == null || accountSid.isBlank() ? "AC00000000000000000000000000000000" : accountSid;
        String base = baseUrl == null || baseUrl.isBlank() ? TWILIO_API : baseUrl.replaceAll("/+$", "");
        TwilioRestClient.Builder builder = new TwilioRestClient.Builder(sid, authToken == null ? "" : authToken);
        builder.httpClient(new Redirecting(base)); // also for api.twilio.com: it switches the SDK's own retries off
        return builder.build();
    }

    /**
     * Sends every request to {@code base} instead of api.twilio.com, with the same path, parameters and auth, and
     * exactly once: the SDK and Apache HttpClient would silently repeat a 5xx, under the callers' retries and breaker
     * (which then could neither count attempts nor back off).
     */
    static final class Redirecting extends HttpClient {

        private final String base;
        private final NetworkHttpClient delegate = new NetworkHttpClient(noRetries());

        Redirecting(String base) {
            this.base = base;
        }

        @Override
        public Response reliableRequest(Request request) {
            return makeRequest(request);
        }

        @Override
        public Response makeRequest(Request original) {
            String url = original.getUrl().replaceFirst("^https://[^/]+", base);
            Request request = new Request(original.getMethod(), url);
            request.setAuth(original.getUsername(), original.getPassword());
            copy(original.getPostParams(), request::addPostParam);
            copy(original.getQueryParams(), request::addQueryParam);
            copy(original.getHeaderParams(), request::addHeaderParam);
            if (original.getContentType() != null) {
                request.setContentType(original.getContentType());
            }
            if (original.getBody() != null) {
                request.setBody(original.getBody());
            }
            return delegate.makeRequest(request);
        }

        /** Twilio's own settings (timeouts, pool), minus Apache HttpClient's silent repeat of a 503 or 429. */
        private static HttpClientBuilder noRetries() {
            PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
            pool.setDefaultSocketConfig(HttpClient.DEFAULT_SOCKET_CONFIG);
            pool.setDefaultMaxPerRoute(10);
            pool.setMaxTotal(20);
            return HttpClientBuilder.create().useSystemProperties().disableAutomaticRetries().setConnectionManager(pool)
                    .setDefaultRequestConfig(HttpClient.DEFAULT_REQUEST_CONFIG);
        }

        private static void copy(Map<String, List<String>> from, java.util.function.BiConsumer<String, String> to) {
            from.forEach((k, values) -> values.forEach(v -> to.accept(k, v)));
        }
    }
}
