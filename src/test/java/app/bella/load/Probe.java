package app.bella.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A steady trickle during a fault drill: every interval, one signed call start ({@code --webhook}) or one GET
 * ({@code --get /readyz}), timed from the caller's side; prints one summary line at the end.
 *
 * <pre>java -cp … app.bella.load.Probe --base http://127.0.0.1:18080 --webhook --seconds 60 --interval-ms 1000
 * java -cp … app.bella.load.Probe --base http://127.0.0.1:18080 --get /readyz --seconds 60</pre>
 */
public final class Probe {

    private Probe() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Args.parse(args);
        String base = a.get("base");
        String signing = a.getOrDefault("public", base);
        String token = a.getOrDefault("token", "load-test-token");
        String get = a.get("get");
        long seconds = Args.integer(a, "seconds", 60);
        long interval = Args.integer(a, "interval-ms", 1000);
        long limitMs = Args.integer(a, "limit-ms", 1000);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int n = 0;
        int slow = 0;
        long slowest = 0;
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            int status;
            try {
                HttpRequest request;
                if (get != null) {
                    request = HttpRequest.newBuilder(URI.create(base + get)).timeout(Duration.ofSeconds(15)).GET().build();
                } else {
                    Conversation call = new Conversation(Conversation.Kind.NEW, Conversation.randomPhone(), null, token,
                            signing, null, Conversation.Settings.defaults());
                    Conversation.Step step = call.start();
                    String form = step.params().entrySet().stream()
                            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                            .collect(Collectors.joining("&"));
                    request = HttpRequest.newBuilder(URI.create(base + step.pathAndQuery())).timeout(Duration.ofSeconds(15))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("X-Twilio-Signature", step.signature())
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build();
                }
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                if (get == null && status == 200 && !response.body().contains("<Response")) {
                    status = 299; // 200 without TwiML
                }
            } catch (Exception e) {
                status = 0;
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            n++;
            statuses.merge(status, 1, Integer::sum);
            slowest = Math.max(slowest, ms);
            if (ms > limitMs) {
                slow++;
            }
            long sleep = interval - ms;
            if (sleep > 0) {
                Thread.sleep(sleep);
            }
        }
        System.out.printf("probe %s: %d requests, status %s, %d over %d ms, slowest %d ms%n",
                get != null ? get : "call start", n, statuses, slow, limitMs, slowest);
    }
}
