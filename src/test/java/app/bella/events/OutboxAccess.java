package app.bella.events;

import static app.bella.events.SampleEvents.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The outbox of a running Bella, through the beans it binds: append events, count rows, read what was published. */
final class OutboxAccess {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OutboxWriter writer;
    private final DataSource dataSource;

    OutboxAccess(CamelContext camel) {
        writer = camel.getRegistry().lookupByNameAndType("outboxWriter", OutboxWriter.class);
        dataSource = camel.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }

    /** Unique topic names for a test, so that tests sharing the broker never read each other's events. */
    static Map<String, String> uniqueTopics() {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Map<String, String> topics = new HashMap<>();
        for (EventStream stream : EventStream.values()) {
            topics.put(stream.topicProperty(), prefix + stream.id());
        }
        return topics;
    }

    /**
     * Appends {@code perKey} call.turn events for every key, interleaved, in transactions of {@code perTx} events;
     * each payload carries its sequence number within its key.
     */
    void appendTurns(List<String> keys, int perKey, int perTx) throws Exception {
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            int inTx = 0;
            for (int seq = 0; seq < perKey; seq++) {
                for (String key : keys) {
                    writer.append(tx, EventType.CALL_TURN, key, map("callSid", key, "step", "choose-slot", "turn", seq + 1));
                    if (++inTx == perTx) {
                        tx.commit();
                        inTx = 0;
                    }
                }
            }
            tx.commit();
        }
    }

    long count(String where) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox_event WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static JsonNode parse(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(record.value(), e);
        }
    }

    /** The turn numbers each key's events arrived with, in arrival order, keeping only the first copy of an id. */
    static Map<String, List<Integer>> turnsByKeyDeduplicated(List<ConsumerRecord<String, String>> records) {
        Map<String, List<Integer>> turns = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode message = parse(record);
            if (seen.add(message.get("id").asText())) {
                turns.computeIfAbsent(record.key(), k -> new java.util.ArrayList<>()).add(message.get("payload").get("turn").asInt());
            }
        }
        return turns;
    }
}
