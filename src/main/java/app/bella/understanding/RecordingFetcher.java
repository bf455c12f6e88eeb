package app.bella.understanding;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * Downloads a call recording from Twilio with the account's credentials. The credentials go only to the configured
 * Twilio API host (a recording URL anywhere else is refused before anything is sent; a redirect elsewhere is followed
 * without them), and a download larger than {@code maxBytes} is cut off. Twilio answers 404 for a little while after
 * the recording ends, so a 404 is retried a bounded number of times before giving up.
 */
public final class RecordingFetcher {

    private static final int MAX_REDIRECTS = 3;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String authorization;
    private final URI twilioApi;
    private final long maxBytes;
    private final int attempts;
    private final Duration pause;

    public RecordingFetcher(String accountSid, String authToken, String twilioApiBaseUrl, long maxBytes, int attempts,
                            Duration pause) {
        this.authorization = accountSid == null || accountSid.isBlank() ? null
                : "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        this.twilioApi = URI.create(twilioApiBaseUrl);
        this.maxBytes = maxBytes;
        this.attempts = attempts;
        this.pause = pause;
    }

    public byte[] fetch(String recordingUrl) throws IOException, InterruptedException {
        String url = recordingUrl.endsWith(".wav") || recordingUrl.endsWith(".mp3") ? recordingUrl : recordingUrl + ".wav";
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IOException("Recording URL is not a URL");
        }
        if (!onTwilioApi(uri)) {
            throw new IOException("Recording URL refused: not on the configured Twilio API host " + twilioApi.getHost());
        }
        for (int attempt = 1; ; attempt++) {
            HttpResponse<InputStream> response = get(uri, true);
            for (int hops = 0; isRedirect(response.statusCode()) && hops < MAX_REDIRECTS; hops++) {
                response.body().close();
                URI next = uri.resolve(response.headers().firstValue("Location")
                        .orElseThrow(() -> new IOException("Redirect without a Location")));
                if (!"https".equals(next.getScheme()) && !onTwilioApi(next)) {
                    throw new IOException("Recording redirect refused: not https");
                }
                response = get(next, onTwilioApi(next));
            }
            if (response.statusCode() == 200) {
                byte[] audio = read(response);
                if (audio.length > 0) {
                    return audio;
                }
            } else {
                response.body().close();
            }
            if (response.statusCode() != 404 || attempt >= attempts) {
                throw new IOException("Recording not available: HTTP " + response.statusCode());
            }
            Thread.sleep(pause.toMillis()); // Twilio has not finished writing the recording yet
        }
    }

    private HttpResponse<InputStream> get(URI uri, boolean withCredentials) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET();
        if (withCredentials && authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Same scheme, host and port as the configured Twilio API, and no user info of its own. */
    boolean onTwilioApi(URI uri) {
        return uri.getHost() != null && uri.getRawUserInfo() == null
                && Objects.equals(lower(uri.getScheme()), lower(twilioApi.getScheme()))
                && uri.getHost().toLowerCase(Locale.ROOT).equals(twilioApi.getHost().toLowerCase(Locale.ROOT))
                && port(uri) == port(twilioApi);
    }

    private byte[] read(HttpResponse<InputStream> response) throws IOException {
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        try (InputStream in = response.body()) {
            if (declared > maxBytes) {
                throw new IOException("Recording too large: " + declared + " bytes (limit " + maxBytes + ")");
            }
            byte[] audio = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (audio.length > maxBytes) {
                throw new IOException("Recording too large: over " + maxBytes + " bytes");
            }
            return audio;
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
