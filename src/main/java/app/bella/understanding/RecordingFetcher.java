package app.bella.understanding;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Downloads a call recording from Twilio with the account's credentials. Twilio answers 404 for a little while
 * after the recording ends, so a 404 is retried a bounded number of times before giving up.
 */
public final class RecordingFetcher {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String authorization;
    private final int attempts;
    private final Duration pause;

    public RecordingFetcher(String accountSid, String authToken, int attempts, Duration pause) {
        this.authorization = accountSid == null || accountSid.isBlank() ? null
                : "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        this.attempts = attempts;
        this.pause = pause;
    }

    public byte[] fetch(String recordingUrl) throws IOException, InterruptedException {
        String url = recordingUrl.endsWith(".wav") || recordingUrl.endsWith(".mp3") ? recordingUrl : recordingUrl + ".wav";
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 200 && response.body().length > 0) {
                return response.body();
            }
            if (response.statusCode() != 404 || attempt >= attempts) {
                throw new IOException("Recording not available: HTTP " + response.statusCode());
            }
            Thread.sleep(pause.toMillis()); // Twilio has not finished writing the recording yet
        }
    }
}
