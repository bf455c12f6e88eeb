package app.bella.understanding;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The extraction model, replayed: a WireMock {@code /v1/chat/completions} that answers each utterance from a JSONL
 * file of answers ({@code {"utterance": …, "answer": {intent, name, phone, when_phrase, duration_minutes, service,
 * confirmation}}}) in the strict-schema reply format Bella's {@link ChatExtractionCodec} expects. An utterance not in
 * the file gets an all-null reading. The utterance is the text after "The caller said: " in the last message.
 *
 * <p>{@code --record URL} proxies every request to a real OpenAI-compatible endpoint instead (the caller's
 * {@code Authorization} header is passed on unchanged) and appends what it answered to the answers file, so a set of
 * real answers can be taken once and replayed afterwards.
 *
 * <pre>java -cp … app.bella.understanding.ModelReplay --port 18998 --answers src/test/resources/understanding/model-answers.jsonl
 * java -cp … app.bella.understanding.ModelReplay --port 18998 --answers /tmp/recorded.jsonl --record https://api.openai.com</pre>
 */
public final class ModelReplay implements AutoCloseable {

    static final List<String> FIELDS = List.of("intent", "name", "phone", "when_phrase", "duration_minutes", "service",
            "confirmation");
    private static final String SAID = "The caller said: ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;
    private final Map<String, JsonNode> answers = new ConcurrentHashMap<>();
    private final Path file;
    private final String recordFrom;
    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicInteger unknown = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** {@code port} 0: any free port; {@code recordFrom} null: replay only. */
    public ModelReplay(int port, Path answersFile, String recordFrom) throws IOException {
        this.file = answersFile;
        this.recordFrom = recordFrom == null ? null : recordFrom.replaceAll("/+$", "");
        if (Files.exists(answersFile)) {
            load(Files.readAllLines(answersFile, StandardCharsets.UTF_8));
        } else if (recordFrom == null) {
            throw new IOException("no answers file " + answersFile);
        }
        server = new WireMockServer(options().bindAddress("127.0.0.1").port(port).extensions(new Answer()));
        server.start();
        server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withTransformers("model-replay")));
    }

    /** Replays answers from a file on the classpath (tests). */
    public static ModelReplay fromResource(String resource) throws Exception {
        var url = ModelReplay.class.getResource(resource);
        if (url == null) {
            throw new IOException("no resource " + resource);
        }
        return new ModelReplay(0, Path.of(url.toURI()), null);
    }

    private void load(List<String> lines) throws IOException {
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("//") || l.startsWith("#")) {
                continue; // the header says where the answers come from
            }
            JsonNode row = JSON.readTree(l);
            answers.put(key(row.path("utterance").asText()), row.path("answer"));
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Requests answered so far, and how many of them were for an utterance not in the file. */
    public int asked() {
        return asked.get();
    }

    public int unknown() {
        return unknown.get();
    }

    @Override
    public void close() {
        server.stop();
    }

    static String key(String utterance) {
        return utterance.strip().replaceAll("\\s+", " ");
    }

    /** The utterance in a chat-completions request as Bella writes it. */
    static String utterance(JsonNode request) {
        JsonNode messages = request.path("messages");
        String content = messages.path(messages.size() - 1).path("content").asText("");
        int at = content.lastIndexOf(SAID);
        return key(at < 0 ? content : content.substring(at + SAID.length()));
    }

    /** A chat completion whose content is the given reading, every schema field present (null when absent). */
    static String completion(JsonNode answer) throws IOException {
        ObjectNode content = JSON.createObjectNode();
        for (String f : FIELDS) {
            JsonNode v = answer == null ? null : answer.get(f);
            content.set(f, v == null ? JSON.nullNode() : v);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-replay");
        root.put("object", "chat.completion");
        ArrayNode choices = root.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        choice.put("finish_reason", "stop");
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", JSON.writeValueAsString(content));
        message.putNull("refusal");
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", 250);
        usage.put("completion_tokens", 40);
        return JSON.writeValueAsString(root);
    }

    private final class Answer implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            ResponseDefinitionBuilder reply = ResponseDefinitionBuilder.like(event.getResponseDefinition()).but();
            try {
                String body = event.getRequest().getBodyAsString();
                String utterance = utterance(JSON.readTree(body));
                asked.incrementAndGet();
                if (recordFrom != null) {
                    return record(reply, event, body, utterance);
                }
                JsonNode answer = answers.get(utterance);
                if (answer == null) {
                    unknown.incrementAndGet();
                }
                return reply.withStatus(200).withBody(completion(answer)).build();
            } catch (IOException | InterruptedException | RuntimeException e) {
                return reply.withStatus(400).withBody("{\"error\":{\"message\":\"" + e.getClass().getSimpleName() + "\"}}")
                        .build();
            }
        }

        private ResponseDefinition record(ResponseDefinitionBuilder reply, ServeEvent event, String body, String utterance)
                throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(recordFrom + "/v1/chat/completions"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            String auth = event.getRequest().getHeader("Authorization");
            if (auth != null) {
                request.header("Authorization", auth);
            }
            HttpResponse<String> upstream = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (upstream.statusCode() == 200) {
                JsonNode content = JSON.readTree(JSON.readTree(upstream.body())
                        .path("choices").path(0).path("message").path("content").asText("null"));
                if (content != null && content.isObject()) {
                    ObjectNode row = JSON.createObjectNode();
                    row.put("utterance", utterance);
                    row.set("answer", content);
                    synchronized (ModelReplay.this) {
                        Files.writeString(file, JSON.writeValueAsString(row) + "\n", StandardCharsets.UTF_8,
                                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    }
                    answers.put(utterance, content);
                }
            }
            return reply.withStatus(upstream.statusCode()).withBody(upstream.body()).build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return "model-replay";
        }
    }

    public static void main(String[] args) throws Exception {
        int port = 18998;
        Path answersFile = null;
        String record = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--answers" -> answersFile = Path.of(args[++i]);
                case "--record" -> record = args[++i];
                default -> throw new IllegalArgumentException("usage: ModelReplay --port N --answers FILE [--record URL]");
            }
        }
        if (answersFile == null) {
            throw new IllegalArgumentException("--answers FILE is required");
        }
        ModelReplay replay = new ModelReplay(port, answersFile, record);
        System.out.println("model replay on " + replay.baseUrl() + " (" + replay.answers.size() + " answers"
                + (record == null ? "" : ", recording from " + record) + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(replay::close));
        Thread.currentThread().join();
    }
}
