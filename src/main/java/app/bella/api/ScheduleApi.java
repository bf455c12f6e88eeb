package app.bella.api;

import app.bella.api.ApiTransactions.Response;
import app.bella.api.model.ScheduleBodies.Closures;
import app.bella.api.model.ScheduleBodies.OpeningHoursChange;
import app.bella.api.model.ScheduleBodies;
import app.bella.booking.BookingService;
import app.bella.booking.DatabaseSchedule;
import app.bella.booking.LocalTimeRange;
import app.bella.booking.OpeningHours;
import app.bella.booking.Schedule;
import app.bella.booking.ScheduleStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;

/** Opening hours, closures (read and replace, in PostgreSQL) and free slots over HTTP. */
public final class ScheduleApi {

    private static final List<String> DAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");
    private static final int MAX_AVAILABILITY_DAYS = 31;
    private static final Set<String> CLOSURE_FIELDS = ApiSupport.fields(ScheduleBodies.Closure.class);

    private final ApiTransactions tx;
    private final BookingService bookings;
    private final ScheduleStore store;
    private final DatabaseSchedule schedules;

    public ScheduleApi(ApiTransactions tx, BookingService bookings, ScheduleStore store, DatabaseSchedule schedules) {
        this.tx = tx;
        this.bookings = bookings;
        this.store = store;
        this.schedules = schedules;
    }

    /** GET /api/opening-hours → {"hours":{"Mon":["09:00-17:00"],…,"Sun":[]},"spec":"Mon-Fri 09:00-17:00"} */
    public void getHours(Exchange exchange) throws SQLException {
        tx.read(exchange, c -> Response.ok(hours(store.hours(c))));
    }

    /** PUT /api/opening-hours {"hours":{"Mon":["09:00-12:00","13:00-17:00"],…}} or {"spec":"Mon-Fri 09:00-17:00"}: replaces all. */
    public void putHours(Exchange exchange) throws SQLException {
        ObjectNode body = ApiSupport.object(exchange, ApiSupport.fields(OpeningHoursChange.class));
        OpeningHours hours = parseHours(body);
        tx.write(exchange, c -> {
            store.replaceHours(c, hours);
            return Response.ok(hours(hours));
        });
        schedules.load(); // after the transaction: no connection held
    }

    /** GET /api/closures → {"closures":[{"date":"2025-12-25","reason":"Christmas"}]} */
    public void getClosures(Exchange exchange) throws SQLException {
        tx.read(exchange, c -> Response.ok(closures(store.closures(c))));
    }

    /** PUT /api/closures {"closures":[{"date","reason"?}]}: replaces all. */
    public void putClosures(Exchange exchange) throws SQLException {
        ObjectNode body = ApiSupport.object(exchange, ApiSupport.fields(Closures.class));
        JsonNode list = body.get("closures");
        if (list == null || !list.isArray() || list.size() > 1000) {
            throw ApiProblem.invalid("closures", "'closures' must be an array of at most 1000 {\"date\",\"reason\"} objects");
        }
        List<ScheduleStore.Closure> closures = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String field = "closures[" + i + "]";
            if (!(list.get(i) instanceof ObjectNode item)) {
                throw ApiProblem.invalid(field, "'" + field + "' must be an object {\"date\",\"reason\"}");
            }
            for (Iterator<String> it = item.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!CLOSURE_FIELDS.contains(name)) {
                    throw ApiProblem.invalid(field + "." + name, "Unknown field '" + name + "'");
                }
            }
            String date = ApiSupport.text(item, "date", true, 10);
            String reason = ApiSupport.text(item, "reason", false, 200);
            closures.add(new ScheduleStore.Closure(ApiSupport.date(field + ".date", date), reason));
        }
        tx.write(exchange, c -> {
            store.replaceClosures(c, closures);
            return Response.ok(closures(store.closures(c)));
        });
        schedules.load(); // after the transaction: no connection held
    }

    /**
     * GET /api/availability?service=&durationMinutes=&from=&to=&provider=: free slots starting on the days from..to
     * (ISO dates, inclusive; default today only; at most 31 days), for the service's length unless durationMinutes is
     * given, on any provider or the one asked for.
     */
    public void availability(Exchange exchange) throws SQLException {
        String service = ApiSupport.query(exchange, "service", 100);
        Integer minutes = ApiSupport.queryInt(exchange, "durationMinutes", 5, 480);
        Integer provider = ApiSupport.queryInt(exchange, "provider", 1, Integer.MAX_VALUE);
        Schedule schedule = bookings.schedule();
        String fromText = ApiSupport.query(exchange, "from", 10);
        String toText = ApiSupport.query(exchange, "to", 10);
        LocalDate from = fromText == null ? LocalDate.now(bookings.clock().withZone(schedule.zone())) : ApiSupport.date("from", fromText);
        LocalDate to = toText == null ? from : ApiSupport.date("to", toText);
        if (to.isBefore(from)) {
            throw ApiProblem.invalid("to", "'to' must not be before 'from'");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_AVAILABILITY_DAYS) {
            throw ApiProblem.invalid("to", "At most " + MAX_AVAILABILITY_DAYS + " days can be searched at once");
        }
        tx.read(exchange, c -> {
            int length;
            try {
                length = minutes != null ? minutes : bookings.service(c, service).durationMinutes();
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalid("service", e.getMessage());
            }
            return Response.ok(BookingApi.slots(bookings.free(c, from, to, length, provider == null ? null : provider.longValue())));
        });
    }

    static OpeningHours parseHours(ObjectNode body) {
        JsonNode spec = body.get("spec");
        JsonNode days = body.get("hours");
        if ((spec == null) == (days == null)) {
            throw ApiProblem.invalid("hours", "Give either 'hours' (ranges per day) or 'spec' (\"Mon-Fri 09:00-17:00\")");
        }
        if (spec != null) {
            String text = ApiSupport.text(body, "spec", true, 500);
            try {
                return OpeningHours.parse(text);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalid("spec", e.getMessage());
            }
        }
        if (!(days instanceof ObjectNode perDay)) {
            throw ApiProblem.invalid("hours", "'hours' must be an object such as {\"Mon\":[\"09:00-17:00\"]}");
        }
        Map<DayOfWeek, List<LocalTimeRange>> byDay = new EnumMap<>(DayOfWeek.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = perDay.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = "hours." + e.getKey();
            int index = DAYS.indexOf(e.getKey());
            if (index < 0) {
                throw ApiProblem.invalid(field, "Unknown day '" + e.getKey() + "', expected Mon … Sun");
            }
            if (!e.getValue().isArray() || e.getValue().size() > 24) {
                throw ApiProblem.invalid(field, "'" + field + "' must be an array of \"HH:mm-HH:mm\" ranges");
            }
            List<LocalTimeRange> ranges = new ArrayList<>();
            for (JsonNode r : e.getValue()) {
                try {
                    if (!r.isTextual()) {
                        throw new IllegalArgumentException("ranges are strings such as \"09:00-17:00\"");
                    }
                    ranges.add(LocalTimeRange.parse(r.asText()));
                } catch (IllegalArgumentException x) {
                    throw ApiProblem.invalid(field, x.getMessage());
                }
            }
            if (!ranges.isEmpty()) {
                byDay.put(DayOfWeek.of(index + 1), ranges);
            }
        }
        try {
            return OpeningHours.of(byDay);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("hours", e.getMessage());
        }
    }

    static Map<String, Object> hours(OpeningHours hours) {
        Map<String, Object> days = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            days.put(DAYS.get(day.getValue() - 1), hours.on(day).stream().map(LocalTimeRange::toString).toList());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hours", days);
        out.put("spec", hours.toString());
        return out;
    }

    private static Map<String, Object> closures(List<ScheduleStore.Closure> closures) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ScheduleStore.Closure x : closures) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("date", x.date().toString());
            item.put("reason", x.reason());
            list.add(item);
        }
        return Map.of("closures", list);
    }
}
