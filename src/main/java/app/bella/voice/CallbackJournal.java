package app.bella.voice;

import app.bella.support.Phones;
import app.bella.support.Sql;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callers Bella could not serve while PostgreSQL was unreachable, kept outside the database: one JSON line per call
 * (call SID, the caller's E.164 number, why, when) appended and fsync'd to {@code <data dir>/voice/callback-journal.jsonl}
 * before the caller is promised a callback. Once the database answers again (route voice-callback-journal-replay) the
 * lines become {@code callback_request} rows, keyed by the call SID so a line replayed twice (a crash between the commit
 * and the journal's removal) is one row, and the replayed journal is deleted.
 */
public final class CallbackJournal {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String REASON = "Bella's database was unavailable during the call: call back";

    /** One caller to call back. {@code at}: when they called (ISO-8601). */
    public record Entry(String callSid, String phone, String reason, String at) {
    }

    private final Path active;
    private final Path replaying;
    private final DataSource dataSource;
    private final Clock clock;
    private final String voice;
    /** Calls already journaled since the last replay: a call's later webhooks (a retry) add no line. */
    private final Set<String> journaled = ConcurrentHashMap.newKeySet();

    /** @param dataSource the call path's (behind database-breaker): a replay while the database is down fails fast */
    public CallbackJournal(Path dir, DataSource dataSource, Clock clock, String voice) {
        this.active = dir.resolve("callback-journal.jsonl");
        this.replaying = dir.resolve("callback-journal.replaying.jsonl");
        this.dataSource = dataSource;
        this.clock = clock;
        this.voice = voice;
    }

    /** Whether a webhook failed because PostgreSQL cannot be reached (not because of its own SQL or logic). */
    public boolean unreachable(Exchange exchange) {
        Throwable e = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return CallPathDatabase.unreachable(e);
    }

    /**
     * Step of the webhook errors when the database is unreachable: the caller's number is journaled and they hear the
     * callback message, then the call ends. A caller with no usable number (withheld) is asked to call again instead.
     */
    public String offer(Exchange exchange) {
        Map<String, String> p = TwilioWebhookGuard.params(exchange);
        String callSid = p.get("CallSid");
        String phone = CallerId.normalise(p.get("From"));
        if (phone == null && exchange.getVariable("call") instanceof CallFlow.CallTurn turn && turn.state() != null) {
            phone = turn.state().from; // the form was replaced by a later step: the number the call began with
            callSid = turn.state().callSid;
        }
        if (callSid == null || phone == null || !callSid.matches("^[A-Za-z0-9]{2,64}$")) {
            LOG.warn("database unavailable: a caller with no usable number was asked to call again");
            return Twiml.response().voice(voice).say("Sorry, our booking system is unavailable right now. "
                    + "Please call again in a little while. Goodbye.").hangup().toXml();
        }
        try {
            journal(new Entry(callSid, phone, REASON, Instant.now(clock).toString()));
        } catch (IOException | RuntimeException e) {
            LOG.error("database unavailable and the callback journal could not be written ({}): caller {} of call {} is lost",
                    e.toString(), Phones.mask(phone), callSid);
            return Twiml.response().voice(voice).say("Sorry, our booking system is unavailable right now. "
                    + "Please call again in a little while. Goodbye.").hangup().toXml();
        }
        return Twiml.response().voice(voice).say("Sorry, our booking system is unavailable right now. "
                + "We'll call you back at the number you're calling from as soon as it's back. Goodbye.").hangup().toXml();
    }

    /** Appends the entry (once per call until the next replay) and forces it to disk before returning. */
    void journal(Entry entry) throws IOException {
        if (!journaled.add(entry.callSid())) {
            return;
        }
        byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            synchronized (this) {
                Files.createDirectories(active.getParent());
                boolean created = !Files.exists(active);
                try (FileChannel ch = FileChannel.open(active, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
                    ByteBuffer buffer = ByteBuffer.wrap(line);
                    while (buffer.hasRemaining()) {
                        ch.write(buffer);
                    }
                    ch.force(true);
                }
                if (created) {
                    syncDirectory(); // the new file's name is durable too
                }
            }
        } catch (IOException | RuntimeException e) {
            journaled.remove(entry.callSid());
            throw e;
        }
        LOG.warn("database unavailable: callback journaled for caller {}", Phones.mask(entry.phone()));
    }

    /** Whether callers wait in the journal to become callback requests. */
    public synchronized boolean pending() {
        return Files.exists(replaying) || Files.exists(active);
    }

    /**
     * Route voice-callback-journal-replay: the journal's lines as callback requests, in one transaction; a call with no
     * session (it began during the outage) gets a minimal one, ended with outcome "callback". Returns the rows added.
     * While the database is still unreachable the journal is kept and nothing is added.
     */
    public int replay() throws IOException, SQLException {
        try {
            return replayJournal();
        } catch (SQLException e) {
            if (!CallPathDatabase.unreachable(e)) {
                throw e;
            }
            LOG.debug("callback journal kept: the database is still unreachable ({})", e.getMessage());
            return 0;
        }
    }

    private int replayJournal() throws IOException, SQLException {
        List<Entry> entries;
        int added = 0;
        try (Connection c = dataSource.getConnection()) { // the database answers again: the journal is taken on
            synchronized (this) {
                if (!Files.exists(replaying)) {
                    if (!Files.exists(active)) {
                        return 0;
                    }
                    // new callers go to a new file meanwhile; the one being replayed is never appended to
                    Files.move(active, replaying, StandardCopyOption.ATOMIC_MOVE);
                    journaled.clear();
                    syncDirectory();
                }
            }
            entries = read(replaying);
            c.setAutoCommit(false);
            try (PreparedStatement session = c.prepareStatement(Sql.get("callback-journal-session"));
                 PreparedStatement request = c.prepareStatement(Sql.get("callback-journal-request"))) {
                for (Entry e : entries) {
                    OffsetDateTime at = OffsetDateTime.ofInstant(Instant.parse(e.at()), ZoneOffset.UTC);
                    CallState s = new CallState();
                    s.callSid = e.callSid();
                    s.from = e.phone();
                    s.outcome = "callback";
                    session.setString(1, e.callSid());
                    session.setString(2, e.phone());
                    session.setString(3, s.step.name());
                    session.setString(4, CallStore.JSON.writeValueAsString(s));
                    session.setObject(5, at);
                    session.executeUpdate();
                    request.setString(1, e.callSid());
                    request.setString(2, e.phone());
                    request.setString(3, e.reason());
                    request.setObject(4, at);
                    request.setString(5, e.callSid());
                    added += request.executeUpdate();
                }
                c.commit();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                c.rollback();
                throw new IllegalStateException(e);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        synchronized (this) {
            Files.delete(replaying);
            syncDirectory();
        }
        LOG.info("callback journal replayed: {} callback requests added ({} journaled)", added, entries.size());
        return added;
    }

    /** The journal's entries; a torn last line (the process died mid-write, before the caller was promised) is skipped. */
    private static List<Entry> read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                Entry e = JSON.readValue(line, Entry.class);
                if (e.callSid() != null && e.at() != null) {
                    entries.add(e);
                }
            } catch (IOException e) {
                LOG.warn("callback journal: an unreadable line skipped ({} characters)", line.length());
            }
        }
        return entries;
    }

    private void syncDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(active.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.debug("could not fsync the journal's directory: {}", e.toString()); // not every file system allows it
        }
    }
}
