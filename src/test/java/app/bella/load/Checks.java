package app.bella.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What must hold after a load or a drill, read from the outside (PostgreSQL, Kafka, the SMS fake), one line each:
 * <ul>
 *   <li>{@code double-booking}: no two booked appointments of one provider overlap;</li>
 *   <li>{@code events}: every outbox event is published and on its topic (none lost); duplicates on the topic are
 *       counted (at-least-once allows them; consumers de-duplicate by id);</li>
 *   <li>{@code sms}: no message accepted twice by Twilio; notifications still pending or failed are counted.</li>
 * </ul>
 * {@code value} runs one query and prints the first column of the first row (the scripts' psql).
 *
 * <pre>java -cp … app.bella.load.Checks --db jdbc:postgresql://127.0.0.1:15432/postgres --kafka 127.0.0.1:19092
 *     --fakes http://127.0.0.1:18999 [--wait-seconds 60]
 * java -cp … app.bella.load.Checks value --db URL "select count(*) from appointment"</pre>
 */
public final class Checks {

    private Checks() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Args.parse(args);
        String db = a.get("db");
        if ("value".equals(a.get("_0"))) {
            try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(a.get("_1"))) {
                System.out.println(rs.next() ? rs.getString(1) : "");
            }
            return;
        }
        int waitSeconds = Args.integer(a, "wait-seconds", 60);
        boolean ok = true;
        try (Connection c = connect(db)) {
            ok &= doubleBooking(c);
            ok &= partialBookings(c);
            if (a.containsKey("kafka")) {
                ok &= events(c, a.get("kafka"), waitSeconds);
            }
            if (a.containsKey("fakes")) {
                ok &= sms(c, a.get("fakes"), waitSeconds);
            }
        }
        System.exit(ok ? 0 : 1);
    }

    static Connection connect(String url) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", System.getenv().getOrDefault("BELLA_DB_USER", "postgres"));
        p.setProperty("password", System.getenv().getOrDefault("BELLA_DB_PASSWORD", ""));
        p.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(url, p);
    }

    static long value(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static boolean doubleBooking(Connection c) throws Exception {
        long overlaps = value(c, "SELECT count(*) FROM appointment a JOIN appointment b ON a.id < b.id"
                + " AND a.provider_id = b.provider_id AND a.during && b.during"
                + " WHERE a.status = 'booked' AND b.status = 'booked'");
        long booked = value(c, "SELECT count(*) FROM appointment WHERE status = 'booked'");
        report(overlaps == 0, "double-booking", overlaps + " overlapping pairs among " + booked + " booked appointments");
        return overlaps == 0;
    }

    /** A booking made by a call is committed with the call's state: never one without the other. */
    static boolean partialBookings(Connection c) throws Exception {
        long partial = value(c, "SELECT count(*) FROM appointment a LEFT JOIN call_session s ON s.call_sid = a.call_sid"
                + " WHERE a.call_sid IS NOT NULL AND (s.call_sid IS NULL OR s.appointment_id IS NULL)");
        long byCalls = value(c, "SELECT count(*) FROM appointment WHERE call_sid IS NOT NULL");
        report(partial == 0, "partial-booking", partial + " of " + byCalls
                + " appointments booked by a call without the call's state recording it");
        return partial == 0;
    }

    static boolean events(Connection c, String bootstrap, int waitSeconds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
        long unpublished;
        while ((unpublished = value(c, "SELECT count(*) FROM outbox_event WHERE published_at IS NULL")) > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        Map<String, Set<String>> expected = new HashMap<>();
        Map<String, long[]> written = new HashMap<>(); // event id → outbox id (the order written), per key below
        Map<String, String> keyOf = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT topic, event_id::text, id, event_key FROM outbox_event")) {
            while (rs.next()) {
                expected.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                written.put(rs.getString(2), new long[] {rs.getLong(3)});
                keyOf.put(rs.getString(2), rs.getString(1) + "/" + rs.getString(4));
            }
        }
        long total = expected.values().stream().mapToLong(Set::size).sum();
        long lost = 0;
        long duplicates = 0;
        long overtaken = 0;
        for (var topic : expected.entrySet()) {
            Map<String, Integer> seen = new java.util.LinkedHashMap<>();
            try {
                seen = read(bootstrap, topic.getKey());
                // order per key: the first copies of a key's events arrive in the order they were written
                Map<String, Long> lastPerKey = new HashMap<>();
                for (String id : seen.keySet()) {
                    long[] outboxId = written.get(id);
                    if (outboxId == null) {
                        continue;
                    }
                    Long before = lastPerKey.put(keyOf.get(id), outboxId[0]);
                    if (before != null && before > outboxId[0]) {
                        overtaken++;
                    }
                }
            } catch (RuntimeException e) {
                report(false, "events", "could not read " + topic.getKey() + " from Kafka: " + e);
                return false;
            }
            for (String id : topic.getValue()) {
                int n = seen.getOrDefault(id, 0);
                if (n == 0) {
                    lost++;
                } else if (n > 1) {
                    duplicates += n - 1;
                }
            }
        }
        boolean ok = lost == 0 && unpublished == 0 && overtaken == 0;
        report(ok, "events", total + " outbox events, " + unpublished + " unpublished, " + lost
                + " missing from Kafka, " + duplicates + " duplicate copies on Kafka, " + overtaken
                + " arrived before an earlier event of their key");
        return ok;
    }

    /** Every record of the topic from the start: event id → copies. */
    static Map<String, Integer> read(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", "read_committed");
        Map<String, Integer> seen = new java.util.LinkedHashMap<>(); // in the order first consumed
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(90)).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    Header id = r.headers().lastHeader("bella-event-id");
                    if (id != null) {
                        seen.merge(new String(id.value(), StandardCharsets.UTF_8), 1, Integer::sum);
                    }
                }
            }
        }
        return seen;
    }

    static boolean sms(Connection c, String fakes, int waitSeconds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
        long pending; // a row being sent (claimed within the dispatcher's claim limit) is still pending
        while ((pending = value(c, "SELECT count(*) FROM notification WHERE due_at <= now() AND (status = 'pending' "
                + "OR status = 'sending' AND claimed_at >= now() - interval '5 minutes')")) > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        long sent = value(c, "SELECT count(*) FROM notification WHERE status = 'sent'");
        long failed = value(c, "SELECT count(*) FROM notification WHERE status = 'failed'");
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fakes + "/__fake/sms")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long total = number(body, "total");
        long duplicates = number(body, "duplicates");
        boolean ok = duplicates == 0;
        report(ok, "sms", total + " accepted by Twilio, " + duplicates + " sent more than once; notifications: "
                + sent + " sent, " + pending + " pending and due, " + failed + " failed");
        return ok;
    }

    static long number(String json, String field) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static void report(boolean ok, String what, String detail) {
        System.out.println("check " + what + ": " + (ok ? "PASS" : "FAIL") + " (" + detail + ")");
    }
}
