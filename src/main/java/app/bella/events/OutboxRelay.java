package app.bella.events;

import app.bella.support.Sql;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox to Kafka (called by the {@code outbox-relay} route; bound as {@code outboxRelay}). Each batch
 * is one database transaction: take the relays' turn (an advisory lock: one relay of all instances at a time), claim
 * unpublished rows in id order ({@code FOR UPDATE}), send them, wait until Kafka acknowledged every one, mark the
 * acknowledged ones published, commit. Delivery is at least once: a
 * crash between Kafka's acknowledgement and the commit publishes those rows again (same event id).
 *
 * <p>Why a KafkaProducer of its own rather than a Kafka Kamelet: a Camel exchange per event that waits
 * for its acknowledgement costs a full broker round trip per event, one event at a time. Here the whole batch is
 * pipelined through one idempotent producer (acks=all, at most 5 requests in flight, which keeps each partition in
 * send order even across retries), then {@code flush()} waits for all acknowledgements at once: one round trip per
 * batch, and the rows are still marked published only after their own acknowledgement.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    /** A backlog is drained batch after batch, but a tick returns after this long so that shutdown stays prompt. */
    private static final long TICK_BUDGET_NANOS = Duration.ofSeconds(2).toNanos();
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(30).toNanos();
    private static final int MAX_ERROR_CHARS = 1000;
    /** A claim answers in milliseconds; one that does not must not hold the relay (and a shutdown waiting for it). */
    private static final int CLAIM_TIMEOUT_SECONDS = 10;

    /** How to reach Kafka and how long to wait for it. */
    public record Settings(String bootstrapServers, int batchSize, int deliveryTimeoutMs, int requestTimeoutMs,
                           int maxBlockMs) {
    }

    /** A claimed row: everything needed to publish it. */
    record Row(long id, UUID eventId, String type, String topic, String key, String message) {
    }

    private final DataSource dataSource;
    private final Settings settings;
    private final String claimSql = Sql.get("outbox-claim");
    private final String turnSql = Sql.get("outbox-relay-turn");
    private final String markPublishedSql = Sql.get("outbox-mark-published");
    private final String recordFailureSql = Sql.get("outbox-record-failure");
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private Producer<String, String> producer;
    private long lastWarningNanos = System.nanoTime() - LOG_EVERY_NANOS;
    private volatile boolean closed;

    public OutboxRelay(DataSource dataSource, Settings settings) {
        if (settings.batchSize() < 1) {
            throw new IllegalArgumentException("bella.outbox.batch-size must be at least 1");
        }
        this.dataSource = dataSource;
        this.settings = settings;
    }

    /**
     * One tick of the relay: publishes batch after batch while they come back full (a backlog drains at full speed)
     * for at most a couple of seconds. Failures are logged, never thrown: the rows wait for the next tick.
     *
     * @return the number of events published
     */
    public synchronized int relay() {
        long start = System.nanoTime();
        int total = 0;
        try {
            while (!closed) {
                BatchResult batch = relayBatch();
                total += batch.published();
                // go on while there is more and it moves: not when Kafka fails or only held-back rows are left
                if (batch.claimed() < settings.batchSize() || batch.kafkaFailing() || batch.published() == 0
                        || System.nanoTime() - start > TICK_BUDGET_NANOS) {
                    break;
                }
            }
        } catch (SQLException e) {
            warn("Outbox relay could not reach the database: {}", e.toString());
        } catch (RuntimeException e) {
            warn("Outbox relay failed, the events wait for the next attempt: {}", e.toString());
        }
        return total;
    }

    record BatchResult(int claimed, int published, boolean kafkaFailing) {
    }

    /** One database transaction: claim, publish, mark. */
    BatchResult relayBatch() throws SQLException {
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            try {
                List<Row> rows = claim(tx, settings.batchSize());
                if (rows.isEmpty()) {
                    tx.commit();
                    return new BatchResult(0, 0, false);
                }
                Outcome outcome = publish(rows);
                update(tx, markPublishedSql, null, outcome.published());
                if (!outcome.failedIds().isEmpty()) {
                    update(tx, recordFailureSql, truncate(outcome.error()), outcome.failedIds());
                }
                tx.commit();
                published.addAndGet(outcome.published().size());
                if (outcome.error() != null) {
                    failed.addAndGet(outcome.failedIds().size());
                    warn("Outbox relay: Kafka did not acknowledge {} event(s), they wait for the next attempt: {}",
                            rows.size() - outcome.published().size(), outcome.error());
                }
                return new BatchResult(rows.size(), outcome.published().size(), outcome.kafkaFailing());
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(tx);
                throw e;
            }
        }
    }

    /**
     * Claims up to {@code limit} rows in {@code tx} (outbox-claim.sql), locked until it ends — or none while another
     * relay (another instance) has a batch in flight. One relay at a time keeps every key in order without asking, per
     * row, whether another relay holds an earlier row of its key: that per-row check was planned from statistics of
     * an all-published outbox and never finished on a backlog (docs/performance.md, phase 6).
     */
    List<Row> claim(Connection tx, int limit) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement turn = tx.prepareStatement(turnSql); ResultSet rs = turn.executeQuery()) {
            if (!rs.next() || !rs.getBoolean(1)) {
                return rows;
            }
        }
        try (PreparedStatement select = tx.prepareStatement(claimSql)) {
            select.setQueryTimeout(CLAIM_TIMEOUT_SECONDS);
            select.setInt(1, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong("id"), rs.getObject("event_id", UUID.class), rs.getString("type"),
                            rs.getString("topic"), rs.getString("event_key"), rs.getString("message")));
                }
            }
        }
        return rows;
    }

    /**
     * Which rows Kafka acknowledged and may be marked published, which failed, the first failure, and whether Kafka
     * itself is failing (a retriable error: unreachable, timed out) rather than refusing single records.
     */
    record Outcome(List<Long> published, List<Long> failedIds, String error, boolean kafkaFailing) {
    }

    private Outcome publish(List<Row> rows) {
        Producer<String, String> kafka = producer();
        AtomicBoolean kafkaFailing = new AtomicBoolean();
        // keys with a refused record: their later rows are not sent (callbacks run on the producer's thread)
        Set<String> refusedKeys = ConcurrentHashMap.newKeySet();
        List<Future<RecordMetadata>> sent = new ArrayList<>(Collections.nCopies(rows.size(), null));
        String sendError = null;
        int sendErrorAt = -1;
        for (int i = 0; i < rows.size() && !kafkaFailing.get(); i++) { // Kafka failing: queue nothing behind it
            Row row = rows.get(i);
            if (refusedKeys.contains(row.key())) {
                continue;
            }
            ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(), row.message());
            record.headers().add("bella-event-type", row.type().getBytes(StandardCharsets.UTF_8));
            record.headers().add("bella-event-id", row.eventId().toString().getBytes(StandardCharsets.UTF_8));
            try {
                sent.set(i, kafka.send(record, (metadata, e) -> {
                    if (e instanceof RetriableException) {
                        kafkaFailing.set(true);
                    } else if (e != null) {
                        refusedKeys.add(row.key()); // e.g. an invalid topic: only this key has to wait
                    }
                }));
            } catch (RuntimeException e) {
                sendError = describe(e);
                sendErrorAt = i;
                kafkaFailing.set(true);
            }
        }
        kafka.flush();

        // A row is published when Kafka acknowledged it and no earlier row of its key failed or was held back: a
        // later event of a key is never marked published while an earlier one waits (it is sent again after it).
        List<Long> publishedIds = new ArrayList<>(rows.size());
        List<Long> failedIds = new ArrayList<>();
        Set<String> blockedKeys = new HashSet<>();
        String firstError = null;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Future<RecordMetadata> result = sent.get(i);
            if (result == null) {
                blockedKeys.add(row.key());
                if (i == sendErrorAt) {
                    failedIds.add(row.id());
                    firstError = firstError == null ? sendError : firstError;
                }
                continue;
            }
            try {
                result.get();
                if (!blockedKeys.contains(row.key())) {
                    publishedIds.add(row.id());
                }
            } catch (ExecutionException e) {
                blockedKeys.add(row.key());
                failedIds.add(row.id());
                firstError = firstError == null ? describe(e.getCause()) : firstError;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Kafka", e);
            }
        }
        if (kafkaFailing.get()) {
            resetProducer(); // start the next attempt on a fresh connection, nothing left retrying in the background
        }
        return new Outcome(publishedIds, failedIds, firstError, kafkaFailing.get());
    }

    private Producer<String, String> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "bella-outbox-relay");
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            // idempotence keeps per-partition order with up to 5 requests in flight, retries included
            p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(128 * 1024));
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(settings.deliveryTimeoutMs()));
            p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(settings.requestTimeoutMs()));
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(settings.maxBlockMs()));
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            producer = new KafkaProducer<>(p);
        }
        return producer;
    }

    private void resetProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    private static void update(Connection tx, String sql, String error, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement update = tx.prepareStatement(sql)) {
            Array array = tx.createArrayOf("bigint", ids.toArray());
            int i = 1;
            if (error != null) {
                update.setString(i++, error);
            }
            update.setArray(i, array);
            update.executeUpdate();
        }
    }

    /** Events published since start (for the bella_outbox_published_total counter). */
    public long publishedCount() {
        return published.get();
    }

    /** Failed publication attempts since start (bella_outbox_publish_failures_total). */
    public long failedCount() {
        return failed.get();
    }

    private void warn(String format, Object... args) {
        // Kafka or the database being down would otherwise log five times a second
        long now = System.nanoTime();
        if (now - lastWarningNanos >= LOG_EVERY_NANOS) {
            lastWarningNanos = now;
            LOG.warn(format, args);
        } else {
            LOG.debug(format, args);
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_ERROR_CHARS ? s : s.substring(0, MAX_ERROR_CHARS);
    }

    private static void rollbackQuietly(Connection tx) {
        try {
            tx.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; closing it ends the transaction anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
                producer = null;
            }
        }
    }
}
