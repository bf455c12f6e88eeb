package app.bella.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Whole phone calls against Bella, as Twilio plays them: signed webhooks, following Bella's TwiML ({@code <Gather>},
 * {@code <Record>} → recording callback, {@code <Pause>} + {@code <Redirect>} polls) until the call hangs up. A mix of
 * new callers (book), returning callers (book again), reschedules and cancellations; the returning ones are seeded
 * through the API first. One Gatling request name per question Bella asked ("turn ask-time", "recorded confirm",
 * "poll"), one group per kind of call (its OK/KO says whether the caller got what they called for).
 *
 * <p>Settings: system properties {@code load.*} or environment variables {@code LOAD_*} (docs/performance.md).
 */
public class ConversationSimulation extends Simulation {

    static String setting(String name, String fallback) {
        String value = System.getProperty("load." + name);
        if (value == null || value.isBlank()) {
            value = System.getenv("LOAD_" + name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    final List<String> bases = List.of(setting("base", "http://127.0.0.1:8080").split("\\s*,\\s*"));
    final String publicUrl = setting("public", "");
    final String authToken = setting("authToken", "load-test-token");
    final String apiKey = setting("apiKey", "load-test-admin-key-0123456789abcdef0123");
    final String media = setting("media", "http://127.0.0.1:18999");
    final double rate = Double.parseDouble(setting("rate", "10"));
    final int seconds = Integer.parseInt(setting("seconds", "30"));
    final int burst = Integer.parseInt(setting("burst", "0"));
    final int concurrent = Integer.parseInt(setting("concurrent", "0"));
    final String mix = setting("mix", "new:55,returning:15,reschedule:15,cancel:15");
    final ZoneId zone = ZoneId.of(setting("timezone", "America/Edmonton"));
    final LocalDate firstDay = LocalDate.parse(setting("firstDay", "2025-10-09"));
    final int days = Integer.parseInt(setting("days", "365"));
    final LocalTime open = LocalTime.parse(setting("hours", "07:00-21:00").split("-")[0]);
    final LocalTime close = LocalTime.parse(setting("hours", "07:00-21:00").split("-")[1]);
    final boolean pauses = Boolean.parseBoolean(setting("pauses", "true"));
    final long thinkMs = Long.parseLong(setting("thinkMs", "0"));
    final double maxFailedPercent = Double.parseDouble(setting("maxFailedPercent", "100"));
    final Path summaryFile = Path.of(setting("summary", "target/load/summary.txt"));

    final Conversation.Settings settings = new Conversation.Settings(firstDay, days, open, close, pauses);
    final Map<Conversation.Kind, Integer> weights = weights(mix);
    final Map<Conversation.Kind, Queue<String[]>> seeded = new EnumMap<>(Conversation.Kind.class);
    final AtomicInteger nextBase = new AtomicInteger();

    // the run's own tally, printed and written at the end for the scripts (Gatling's report has the detail)
    static final Map<String, LongAdder> TALLY = new ConcurrentHashMap<>();
    static final Map<String, LongAdder> ENDINGS = new ConcurrentHashMap<>();

    // every webhook's response time per kind of step (turns of every question together), for the goals' figures;
    // also reported from load.settle seconds into the run on (the steady part)
    static final StepLatencies LATENCIES =
            new StepLatencies(Duration.ofSeconds(Long.parseLong(setting("settle", "10"))));

    static void tally(String what) {
        TALLY.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    int expectedCalls() {
        if (burst > 0) {
            return burst;
        }
        if (concurrent > 0) {
            return concurrent * Math.max(1, seconds); // an upper bound: a call lasts well over a second
        }
        return (int) Math.ceil(rate * seconds);
    }

    static Map<Conversation.Kind, Integer> weights(String mix) {
        Map<Conversation.Kind, Integer> w = new EnumMap<>(Conversation.Kind.class);
        for (String part : mix.split(",")) {
            String[] kv = part.trim().split(":");
            w.put(Conversation.Kind.valueOf(kv[0].trim().toUpperCase(Locale.ROOT)), Integer.parseInt(kv[1].trim()));
        }
        return w;
    }

    Conversation.Kind pickKind() {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        int r = ThreadLocalRandom.current().nextInt(Math.max(1, total));
        for (var e : weights.entrySet()) {
            if ((r -= e.getValue()) < 0) {
                return e.getKey();
            }
        }
        return Conversation.Kind.NEW;
    }

    /** Returning, reschedule and cancel callers need a customer with an appointment: booked through the API. */
    @Override
    public void before() {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        int expected = expectedCalls();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> pending = new ArrayList<>();
        DateTimeFormatter iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        int slot = 0;
        int slotsPerDay = (int) Duration.between(open, close).toMinutes() / 30;
        LocalDate seedDay = firstDay.plusDays(days + 7L + ThreadLocalRandom.current().nextInt(2000));
        LongAdder failures = new LongAdder();
        for (Conversation.Kind kind : Conversation.Kind.values()) {
            Queue<String[]> queue = new ConcurrentLinkedQueue<>();
            seeded.put(kind, queue);
            if (kind == Conversation.Kind.NEW || total == 0) {
                continue;
            }
            int count = (int) Math.ceil(expected * 1.1 * weights.getOrDefault(kind, 0) / total) + 1;
            for (int i = 0; i < count; i++, slot++) {
                String phone = Conversation.randomPhone();
                String name = Conversation.randomName();
                ZonedDateTime start = seedDay.plusDays(slot / slotsPerDay)
                        .atTime(open.plusMinutes(30L * (slot % slotsPerDay))).atZone(zone);
                String body = "{\"name\":\"" + name + "\",\"phone\":\"" + phone + "\",\"start\":\"" + iso.format(start)
                        + "\",\"durationMinutes\":30}";
                String base = bases.get(i % bases.size());
                pending.add(pool.submit(() -> {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/appointments"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json").header("X-API-Key", apiKey)
                            .header("Idempotency-Key", "load-seed-" + phone)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() / 100 == 2) {
                            queue.add(new String[] {phone, name});
                        } else if (failures.sum() < 3) {
                            failures.increment();
                            System.err.println("seeding: HTTP " + response.statusCode() + " " + response.body());
                        } else {
                            failures.increment();
                        }
                    } catch (IOException | InterruptedException e) {
                        failures.increment();
                    }
                    return null;
                }));
            }
        }
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        pool.shutdown();
        System.out.printf("seeded %d callers with an appointment (%d failed) for %d expected calls on %s%n",
                pending.size() - failures.sum(), failures.sum(), expected, bases);
    }

    Session startCall(Session session) {
        Conversation.Kind kind = pickKind();
        String[] who = kind == Conversation.Kind.NEW ? null : seeded.get(kind).poll();
        if (kind != Conversation.Kind.NEW && who == null) {
            kind = Conversation.Kind.NEW; // more calls than seeded callers: the rest are new
        }
        String base = bases.get(Math.floorMod(nextBase.getAndIncrement(), bases.size()));
        String signing = publicUrl.isBlank() ? base : publicUrl;
        Conversation call = new Conversation(kind, who == null ? Conversation.randomPhone() : who[0],
                who == null ? null : who[1], authToken, signing, media, settings);
        tally("calls " + kind.label());
        return next(session.set("call", call).set("base", base).set("kind", kind.label()), call.start());
    }

    static Session next(Session session, Conversation.Step step) {
        if (step == null) {
            return session.set("more", false);
        }
        return session.set("more", true).set("label", step.label())
                .set("url", session.getString("base") + step.pathAndQuery())
                .set("params", new HashMap<String, Object>(step.params()))
                .set("signature", step.signature())
                .set("pauseMs", step.pauseMs());
    }

    final ChainBuilder webhook = exec(http("#{label}")
            .post("#{url}")
            .header("X-Twilio-Signature", "#{signature}")
            .formParamMap(session -> session.<Map<String, Object>>get("params"))
            .check(status().is(200), header("Content-Type").transform(ct -> ct != null && ct.contains("xml")).is(true),
                    bodyString().saveAs("twiml"), responseTimeInMillis().saveAs("ms")))
            .exec(session -> {
                tally("webhooks");
                if (session.isFailed()) {
                    tally("webhooks failed");
                    return session.set("more", false);
                }
                LATENCIES.record(session.getString("label"), session.getInt("ms"), System.nanoTime());
                Conversation call = session.get("call");
                return next(session.remove("twiml").remove("ms"), call.follow(session.getString("twiml")));
            });

    final ChainBuilder conversation = exec(this::startCall)
            .group("#{kind} call").on(
                    exec(webhook)
                            .asLongAs(session -> session.getBoolean("more")).on(
                                    exec(pause(session -> Duration.ofMillis(session.getLong("pauseMs") + thinkMs)))
                                            .exec(webhook))
                            .exec(session -> {
                                Conversation call = session.get("call");
                                String ending = session.isFailed() ? "failed webhook" : call.ended();
                                ENDINGS.computeIfAbsent(call.kind().label() + " " + ending, k -> new LongAdder()).increment();
                                if (call.succeeded() && !session.isFailed()) {
                                    tally("succeeded " + call.kind().label());
                                    return session;
                                }
                                tally("unsuccessful " + call.kind().label());
                                return session.markAsFailed();
                            }));

    final HttpProtocolBuilder protocol = http
            .userAgentHeader("TwilioProxy/1.1")
            .acceptHeader("*/*")
            .disableCaching()
            .disableWarmUp()
            .shareConnections();

    {
        ScenarioBuilder calls = scenario("calls").exec(conversation);
        PopulationBuilder population;
        if (burst > 0) {
            population = calls.injectOpen(atOnceUsers(burst));
        } else if (concurrent > 0) {
            population = calls.injectClosed(constantConcurrentUsers(concurrent).during(Duration.ofSeconds(seconds)));
        } else {
            population = calls.injectOpen(constantUsersPerSec(rate).during(Duration.ofSeconds(seconds)));
        }
        List<Assertion> assertions = new ArrayList<>();
        assertions.add(global().failedRequests().percent().lte(maxFailedPercent));
        setUp(population).protocols(protocol).assertions(assertions);
    }

    @Override
    public void after() {
        StringBuilder line = new StringBuilder("load summary:");
        new java.util.TreeMap<>(TALLY).forEach((k, v) -> line.append(' ').append(k.replace(' ', '_')).append('=').append(v.sum()));
        StringBuilder endings = new StringBuilder("call endings:");
        new java.util.TreeMap<>(ENDINGS).forEach((k, v) -> endings.append(" [").append(k).append("]=").append(v.sum()));
        String steps = String.join("\n", LATENCIES.report());
        System.out.println(line);
        System.out.println(endings);
        System.out.println(steps);
        try {
            Files.createDirectories(summaryFile.toAbsolutePath().getParent());
            Files.writeString(summaryFile, line + "\n" + endings + "\n" + steps + "\n");
        } catch (IOException e) {
            System.err.println("could not write " + summaryFile + ": " + e);
        }
    }
}
