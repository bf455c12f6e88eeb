package app.bella.api;

import app.bella.voice.CallState;
import app.bella.voice.CallStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.Exchange;

/** What operators (and acceptance tests) see of calls: state, slots understood so far, and the transcript. */
public final class CallsApi {

    private final DataSource dataSource;
    private final CallStore store;

    public CallsApi(DataSource dataSource, CallStore store) {
        this.dataSource = dataSource;
        this.store = store;
    }

    /** GET /api/calls/{callSid} */
    public void get(Exchange exchange) throws SQLException {
        String callSid = exchange.getMessage().getHeader("callSid", String.class);
        try (Connection c = dataSource.getConnection()) {
            CallStore.Session session = store.find(c, callSid).orElseThrow(() -> ApiProblem.notFound("No call " + callSid));
            Map<String, Object> out = summary(session);
            List<Map<String, Object>> turns = new ArrayList<>();
            for (CallStore.Turn t : store.turns(c, callSid)) {
                Map<String, Object> turn = new LinkedHashMap<>();
                turn.put("said", t.said());
                turn.put("heard", t.heard());
                turns.add(turn);
            }
            out.put("turns", turns);
            ApiSupport.respond(exchange, 200, out);
        }
    }

    /** GET /api/calls?from=&since=: recent calls, newest first. */
    public void list(Exchange exchange) throws SQLException {
        String from = exchange.getMessage().getHeader("from", String.class);
        String since = exchange.getMessage().getHeader("since", String.class);
        Instant sinceInstant = null;
        if (since != null && !since.isBlank()) {
            try {
                sinceInstant = OffsetDateTime.parse(since.replace(' ', '+')).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiProblem.invalid("since", "'since' must be ISO-8601 with an offset");
            }
        }
        try (Connection c = dataSource.getConnection()) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (CallStore.Session s : store.recent(c, from == null || from.isBlank() ? null : from.replace(' ', '+'),
                    sinceInstant, 200)) {
                out.add(summary(s));
            }
            ApiSupport.respond(exchange, 200, out);
        }
    }

    private static Map<String, Object> summary(CallStore.Session session) {
        CallState s = session.state();
        Map<String, Object> slots = new LinkedHashMap<>();
        slots.put("name", s.name);
        slots.put("phone", s.phone);
        slots.put("start", s.start);
        slots.put("durationMinutes", s.durationMinutes);
        slots.put("service", s.service);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("callSid", s.callSid);
        out.put("from", s.from);
        out.put("status", session.status());
        out.put("outcome", session.outcome());
        out.put("step", s.step.name());
        out.put("intent", s.intent);
        out.put("slots", slots);
        out.put("appointmentId", s.appointmentId);
        out.put("createdAt", session.createdAt().toString());
        return out;
    }
}
