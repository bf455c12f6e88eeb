package app.bella.events;

import static app.bella.events.SampleEvents.map;
import static org.assertj.core.api.Assertions.assertThat;

import app.bella.support.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What relays claim from one database, one after another and at the same time (the SQL alone: no Kafka involved). */
class OutboxRelayClaimTest {

    OutboxDatabase db;
    OutboxRelay relayA;
    OutboxRelay relayB;
    final OutboxWriter writer = new OutboxWriter(EventTopics.defaults(), Clock.systemUTC());

    @BeforeEach
    void database() {
        db = OutboxDatabase.create();
        OutboxRelay.Settings settings = new OutboxRelay.Settings("127.0.0.1:9", 500, 1000, 500, 500);
        relayA = new OutboxRelay(db.dataSource(), settings);
        relayB = new OutboxRelay(db.dataSource(), settings);
    }

    @Test
    void oneRelayAtATimeClaimsTheOldestRowsInIdOrder() throws Exception {
        append("a", 1, "b", 2, "a", 3, "c", 4, "b", 5, "d", 6);
        try (Connection txA = db.transaction(); Connection txB = db.transaction()) {
            List<OutboxRelay.Row> first = relayA.claim(txA, 3); // rows 1..3: keys a, b, a
            assertThat(first).extracting(r -> seq(r)).containsExactly(1, 2, 3);
            // relay A has its batch in flight: relay B waits for its turn rather than overtake a's and b's rows
            assertThat(relayB.claim(txB, 10)).isEmpty();
            txA.rollback(); // relay A failed: its rows are free again, in order
            txB.rollback();
        }
        try (Connection txB = db.transaction()) {
            assertThat(relayB.claim(txB, 10)).extracting(r -> seq(r)).containsExactly(1, 2, 3, 4, 5, 6);
            txB.rollback();
        }
    }

    @Test
    void theNextRelaysTurnBeginsWhenTheBatchBeforeIsCommitted() throws Exception {
        append("a", 1, "a", 2, "b", 3);
        try (Connection txA = db.transaction()) {
            List<OutboxRelay.Row> first = relayA.claim(txA, 2);
            assertThat(first).extracting(r -> seq(r)).containsExactly(1, 2);
            try (PreparedStatement published = txA.prepareStatement(Sql.get("outbox-mark-published"))) {
                published.setArray(1, txA.createArrayOf("bigint", first.stream().map(OutboxRelay.Row::id).toArray()));
                published.executeUpdate();
            }
            txA.commit();
        }
        try (Connection txB = db.transaction()) {
            assertThat(relayB.claim(txB, 10)).extracting(r -> seq(r)).containsExactly(3);
            txB.rollback();
        }
    }

    /**
     * The steady state is an outbox with everything published, so that is what ANALYZE sees; then Kafka is away for
     * a while. The claim of that backlog must not be planned from the old statistics into a scan per claimed row
     * (it was: 54,800 events behind, one claim ran for ten minutes and held a shutdown with it).
     */
    @Test
    void aBacklogIsClaimedAtOnceWhileTheStatisticsStillSayEverythingIsPublished() throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.executeUpdate(callStarts(20_000));
            s.executeUpdate("UPDATE outbox_event SET published_at = now()");
            s.execute("VACUUM ANALYZE outbox_event");
            s.executeUpdate(callStarts(20_000)); // the backlog, not analysed yet
        }
        try (Connection tx = db.transaction(); Statement s = tx.createStatement()) {
            s.execute("SET LOCAL statement_timeout = '5s'"); // the faulty plan took minutes; this takes milliseconds
            List<OutboxRelay.Row> batch = relayA.claim(tx, 500);
            assertThat(batch).hasSize(500);
            assertThat(batch).extracting(OutboxRelay.Row::id).isSorted();
            tx.rollback();
        }
    }

    private static String callStarts(int count) {
        return "INSERT INTO outbox_event (event_id, type, topic, event_key, payload, occurred_at)"
                + " SELECT gen_random_uuid(), 'call.started', 'bella.calls', 'CA' || md5(n::text || random()::text),"
                + " '{}'::jsonb, now() FROM generate_series(1, " + count + ") AS n";
    }

    private void append(Object... keysAndSeqs) throws Exception {
        try (Connection tx = db.transaction()) {
            for (int i = 0; i < keysAndSeqs.length; i += 2) {
                writer.append(tx, EventType.CALL_TURN, (String) keysAndSeqs[i],
                        map("callSid", keysAndSeqs[i], "step", "x", "seq", keysAndSeqs[i + 1]));
            }
            tx.commit();
        }
    }

    private static int seq(OutboxRelay.Row row) {
        return Integer.parseInt(row.message().replaceAll(".*\"seq\": ?(\\d+).*", "$1"));
    }
}
