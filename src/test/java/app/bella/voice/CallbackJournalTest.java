package app.bella.voice;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.SharedInfrastructure;
import app.bella.testing.TempDirectories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The callback journal on a real PostgreSQL: fsync'd lines in, callback requests out, each call once however often replayed. */
class CallbackJournalTest {

    String url;
    Path dir;
    CallbackJournal journal;

    @BeforeEach
    void setUp() throws Exception {
        url = SharedInfrastructure.get().newDatabase();
        Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").load().migrate();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser("postgres");
        dir = TempDirectories.deletedAtExit("bella-journal").resolve("voice");
        journal = new CallbackJournal(dir, ds, Clock.fixed(Instant.parse("2025-10-08T16:00:00Z"), ZoneOffset.UTC), "Polly.Joanna");
    }

    @Test
    void eachJournaledCallBecomesOneCallbackRequestEvenWhenTheJournalIsReplayedTwice() throws Exception {
        sql("INSERT INTO call_session (call_sid, from_phone, status, step, state) VALUES "
                + "('CAmid', '+15875550401', 'in-progress', 'ASK_TIME', '{}'), "
                + "('CAbooked', '+15875550402', 'completed', 'DONE', '{}')");
        sql("UPDATE call_session SET outcome = 'booked' WHERE call_sid = 'CAbooked'");
        journal.journal(new CallbackJournal.Entry("CAnew", "+15875550400", CallbackJournal.REASON, "2025-10-08T16:00:00Z"));
        journal.journal(new CallbackJournal.Entry("CAmid", "+15875550401", CallbackJournal.REASON, "2025-10-08T16:00:01Z"));
        journal.journal(new CallbackJournal.Entry("CAnew", "+15875550400", CallbackJournal.REASON, "2025-10-08T16:00:02Z"));
        journal.journal(new CallbackJournal.Entry("CAbooked", "+15875550402", CallbackJournal.REASON, "2025-10-08T16:00:03Z"));
        Path active = dir.resolve("callback-journal.jsonl");
        assertThat(Files.readAllLines(active)).as("a call's retried webhook adds no line").hasSize(3);
        List<String> lines = Files.readAllLines(active);
        Files.writeString(active, "{\"callSid\":\"CAtorn\",\"pho", StandardOpenOption.APPEND); // died mid-write

        assertThat(journal.pending()).isTrue();
        assertThat(journal.replay()).isEqualTo(3);
        assertThat(journal.pending()).isFalse();
        assertThat(rows("SELECT call_sid || ' ' || phone || ' ' || created_at::text FROM callback_request ORDER BY call_sid"))
                .containsExactly("CAbooked +15875550402 2025-10-08 16:00:03+00", "CAmid +15875550401 2025-10-08 16:00:01+00",
                        "CAnew +15875550400 2025-10-08 16:00:00+00");
        assertThat(rows("SELECT call_sid || ' ' || status || ' ' || outcome || ' ' || coalesce(from_phone, '-') FROM call_session ORDER BY call_sid"))
                .as("a call that began in the outage gets a session; one cut off mid-way ends as a callback; a booked one stays booked")
                .containsExactly("CAbooked completed booked +15875550402", "CAmid completed callback +15875550401",
                        "CAnew completed callback +15875550400");

        // the process died after the commit, before the journal was removed: the same lines are replayed again
        Files.write(dir.resolve("callback-journal.replaying.jsonl"), lines);
        assertThat(journal.replay()).isZero();
        assertThat(rows("SELECT count(*)::text FROM callback_request")).containsExactly("3");
        assertThat(journal.pending()).isFalse();
    }

    @Test
    void aReplayWhileTheDatabaseIsUnreachableKeepsTheJournal() throws Exception {
        PGSimpleDataSource down = new PGSimpleDataSource();
        down.setUrl("jdbc:postgresql://127.0.0.1:" + app.bella.testing.BellaServer.freePort() + "/postgres");
        CallbackJournal offline = new CallbackJournal(dir, down, Clock.systemUTC(), null);
        offline.journal(new CallbackJournal.Entry("CAwait", "+15875550403", CallbackJournal.REASON, "2025-10-08T16:00:00Z"));
        assertThat(offline.replay()).isZero();
        assertThat(Files.readAllLines(dir.resolve("callback-journal.jsonl"))).hasSize(1);
        assertThat(journal.replay()).isEqualTo(1);
        assertThat(rows("SELECT call_sid FROM callback_request")).containsExactly("CAwait");
    }

    void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    List<String> rows(String query) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
