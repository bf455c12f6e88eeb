package app.bella.load;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Local stand-ins for the SaaS Bella calls under load, on WireMock with a configurable latency:
 * Twilio's recording store ({@code GET …/Recordings/RE…-<speech>.wav}: audio bytes that name the recording and what
 * was said), OpenAI's {@code /v1/audio/transcriptions} (returns what the audio names: every recording is new audio,
 * so Bella's transcript cache never short-cuts the 1 s), {@code /v1/chat/completions} (an empty reading, so Bella
 * keeps the rules' result) and Twilio's {@code Messages.json} (201, and the message is counted).
 *
 * <p>Faults are switched from the shell through WireMock's admin API: a mapping of priority 1 wins over these
 * (priority 5), e.g. {@code {"priority":1,"request":{"method":"POST","urlPathPattern":".*Messages.json"},
 * "response":{"status":503}}}; delete it to heal. {@code GET /__fake/sms} lists the messages accepted (to, body,
 * count) and {@code GET /__fake/stats} the counters, both as JSON.
 *
 * <pre>java -cp … app.bella.load.SaasFakes --port 18999 --whisper-ms 1000 --recording-ms 50 --sms-ms 100</pre>
 */
public final class SaasFakes {

    private static final Pattern SPOKEN = Pattern.compile("WAVEfmt (RE[0-9a-f]{32})-([A-Za-z0-9_-]+)");
    private final WireMockServer server;
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final List<String[]> sms = new CopyOnWriteArrayList<>();

    public SaasFakes(int port, int whisperMs, int recordingMs, int smsMs, int chatMs) {
        server = new WireMockServer(options().bindAddress("127.0.0.1").port(port)
                .containerThreads(64).jettyAcceptors(2)
                .asynchronousResponseEnabled(true).asynchronousResponseThreads(16)
                .disableRequestJournal()
                .extensions(new Recording(), new Transcription(), new Sms(), new Report()));
        server.start();
        server.stubFor(get(urlPathMatching("/2010-04-01/Accounts/[^/]+/Recordings/.+")).atPriority(5)
                .willReturn(aResponse().withFixedDelay(recordingMs).withTransformers("bella-recording")));
        server.stubFor(post(urlEqualTo("/v1/audio/transcriptions")).atPriority(5)
                .willReturn(aResponse().withFixedDelay(whisperMs).withTransformers("bella-transcription")));
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(5)
                .willReturn(aResponse().withFixedDelay(chatMs).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"chatcmpl-load\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\","
                                + "\"message\":{\"role\":\"assistant\",\"content\":\"{}\"}}],"
                                + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":1}}")));
        server.stubFor(post(urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages.json")).atPriority(5)
                .willReturn(aResponse().withFixedDelay(smsMs).withTransformers("bella-sms")));
        server.stubFor(get(urlPathMatching("/__fake/(sms|stats)")).atPriority(5)
                .willReturn(aResponse().withTransformers("bella-report")));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public WireMockServer wireMock() {
        return server;
    }

    public long count(String what) {
        return counters.computeIfAbsent(what, k -> new AtomicLong()).get();
    }

    /** Messages accepted so far: {to, body}. */
    public List<String[]> sms() {
        return List.copyOf(sms);
    }

    public void stop() {
        server.stop();
    }

    /** The last path segment of a recording URL: the SID, then what was said (URL-safe Base64). */
    public static String recordingName(String recordingSid, String speech) {
        return recordingSid + "-" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(speech.getBytes(StandardCharsets.UTF_8));
    }

    private void count(String what, long delta) {
        counters.computeIfAbsent(what, k -> new AtomicLong()).addAndGet(delta);
    }

    private abstract static class Named implements ResponseDefinitionTransformerV2 {
        @Override
        public boolean applyGlobally() {
            return false;
        }
    }

    private final class Recording extends Named {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String path = event.getRequest().getUrl();
            String last = path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.(wav|mp3)$", "");
            count("recordings", 1);
            return ResponseDefinitionBuilder.like(event.getResponseDefinition()).but()
                    .withHeader("Content-Type", "audio/x-wav")
                    .withBody("RIFF\0\0\0\0WAVEfmt " + last + "\r\n")
                    .build();
        }

        @Override
        public String getName() {
            return "bella-recording";
        }
    }

    private final class Transcription extends Named {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Matcher m = SPOKEN.matcher(event.getRequest().getBodyAsString());
            ResponseDefinitionBuilder answer = ResponseDefinitionBuilder.like(event.getResponseDefinition()).but()
                    .withHeader("Content-Type", "application/json");
            if (!m.find()) {
                count("transcriptions-unknown", 1);
                return answer.withStatus(400).withBody("{\"error\":{\"message\":\"unknown audio\"}}").build();
            }
            String text = new String(Base64.getUrlDecoder().decode(m.group(2)), StandardCharsets.UTF_8);
            count("transcriptions", 1);
            return answer.withStatus(200).withBody("{\"text\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
                    .build();
        }

        @Override
        public String getName() {
            return "bella-transcription";
        }
    }

    private final class Sms extends Named {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Map<String, String> form = form(event.getRequest().getBodyAsString());
            sms.add(new String[] {form.getOrDefault("To", ""), form.getOrDefault("Body", "")});
            count("sms", 1);
            String sid = "SM" + HexFormat.of().formatHex(java.util.UUID.randomUUID().toString().getBytes(), 0, 16);
            return ResponseDefinitionBuilder.like(event.getResponseDefinition()).but()
                    .withStatus(201).withHeader("Content-Type", "application/json")
                    .withBody("{\"sid\":\"" + sid + "\",\"status\":\"queued\",\"to\":\"" + form.getOrDefault("To", "")
                            + "\",\"from\":\"" + form.getOrDefault("From", "") + "\"}")
                    .build();
        }

        @Override
        public String getName() {
            return "bella-sms";
        }
    }

    private final class Report extends Named {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            StringBuilder json = new StringBuilder();
            if (event.getRequest().getUrl().startsWith("/__fake/sms")) {
                Map<String, Integer> perMessage = new java.util.TreeMap<>();
                for (String[] m : sms) {
                    perMessage.merge(m[0] + "\u0000" + m[1], 1, Integer::sum);
                }
                json.append("{\"total\":").append(sms.size()).append(",\"distinct\":").append(perMessage.size())
                        .append(",\"duplicates\":").append(perMessage.values().stream().filter(c -> c > 1).count())
                        .append(",\"messages\":[");
                String sep = "";
                for (var e : perMessage.entrySet()) {
                    String[] parts = e.getKey().split("\u0000", 2);
                    json.append(sep).append("{\"to\":\"").append(parts[0]).append("\",\"body\":\"")
                            .append(parts[1].replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                            .append("\",\"count\":").append(e.getValue()).append('}');
                    sep = ",";
                }
                json.append("]}");
            } else {
                json.append('{');
                String sep = "";
                for (var e : new java.util.TreeMap<>(counters).entrySet()) {
                    json.append(sep).append('"').append(e.getKey()).append("\":").append(e.getValue().get());
                    sep = ",";
                }
                json.append('}');
            }
            return ResponseDefinitionBuilder.like(event.getResponseDefinition()).but()
                    .withStatus(200).withHeader("Content-Type", "application/json").withBody(json.toString()).build();
        }

        @Override
        public String getName() {
            return "bella-report";
        }
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Args.parse(args);
        SaasFakes fakes = new SaasFakes(Args.integer(a, "port", 18999), Args.integer(a, "whisper-ms", 1000),
                Args.integer(a, "recording-ms", 50), Args.integer(a, "sms-ms", 100), Args.integer(a, "chat-ms", 300));
        System.out.println("SaaS fakes ready at " + fakes.baseUrl());
        Runtime.getRuntime().addShutdownHook(new Thread(fakes::stop));
        Thread.currentThread().join();
    }
}
