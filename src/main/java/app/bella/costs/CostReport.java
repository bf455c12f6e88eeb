package app.bella.costs;

import app.bella.support.Sql;
import app.bella.understanding.Prices;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads the cost ledger for a calendar month (practice time zone, Bella's clock), test calls left out: spend by
 * item, cost per call, cost per booked appointment (the costs of the calls that booked — voice, speech, AI,
 * confirmation SMS — over the bookings), reminders beside it, and the measured cost per turn of each path.
 */
public final class CostReport {

    private final DataSource dataSource;
    private final Clock clock;
    private final ZoneId zone;
    private final Prices prices;

    public CostReport(DataSource dataSource, Clock clock, ZoneId zone, Prices prices) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.zone = zone;
        this.prices = prices;
    }

    /** One line of the ledger summed over the period. */
    public record Line(String provider, String item, String unit, BigDecimal quantity, BigDecimal amount, long entries) {
    }

    /** The month's costs. {@code perTurn}: measured cost of one turn on each path (null when never used). */
    public record Month(YearMonth month, Instant from, Instant to, String currency, List<Line> lines, BigDecimal total,
                        long calls, BigDecimal callsAmount, long bookings, BigDecimal bookedAmount,
                        long reminders, BigDecimal remindersAmount) {

        public BigDecimal costPerCall() {
            return divide(callsAmount, calls);
        }

        public BigDecimal costPerBookedAppointment() {
            return divide(bookedAmount, bookings);
        }

        public BigDecimal remindersPerBooking() {
            return divide(remindersAmount, bookings);
        }

        /** Sum of the given items. */
        public BigDecimal amount(String... items) {
            BigDecimal sum = BigDecimal.ZERO;
            for (Line l : lines) {
                for (String i : items) {
                    if (l.item().equals(i)) {
                        sum = sum.add(l.amount());
                    }
                }
            }
            return sum;
        }

        public long entries(String item) {
            return lines.stream().filter(l -> l.item().equals(item)).mapToLong(Line::entries).sum();
        }

        /** Twilio {@code <Gather>} speech: cost per recognised turn. */
        public BigDecimal twilioSpeechPerTurn() {
            return divide(amount("speech"), entries("speech"));
        }

        /** Recording + Whisper: cost per recorded turn (cache hits cost the recording only). */
        public BigDecimal whisperPerTurn() {
            return divide(amount("recording", "transcription"), entries("recording"));
        }

        /** The language model: cost per model call. */
        public BigDecimal modelPerCall() {
            return divide(amount("extraction"), entries("extraction"));
        }

        public Map<String, Object> view() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("month", month.toString());
            m.put("from", from.toString());
            m.put("to", to.toString());
            m.put("currency", currency);
            m.put("total", money(total));
            List<Map<String, Object>> items = new ArrayList<>();
            for (Line l : lines) {
                Map<String, Object> i = new LinkedHashMap<>();
                i.put("provider", l.provider());
                i.put("item", l.item());
                i.put("unit", l.unit());
                i.put("quantity", l.quantity().stripTrailingZeros().toPlainString());
                i.put("amount", money(l.amount()));
                i.put("entries", l.entries());
                items.add(i);
            }
            m.put("byItem", items);
            m.put("calls", calls);
            m.put("costPerCall", money(costPerCall()));
            m.put("bookings", bookings);
            m.put("costPerBookedAppointment", money(costPerBookedAppointment()));
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("messages", reminders);
            r.put("amount", money(remindersAmount));
            r.put("perBooking", money(remindersPerBooking()));
            m.put("reminders", r);
            Map<String, Object> turn = new LinkedHashMap<>();
            turn.put("twilioSpeech", money(twilioSpeechPerTurn()));
            turn.put("whisper", money(whisperPerTurn()));
            turn.put("modelCall", money(modelPerCall()));
            m.put("perTurn", turn);
            return m;
        }
    }

    public String currency() {
        return prices.currency();
    }

    public YearMonth currentMonth() {
        return YearMonth.from(clock.instant().atZone(zone));
    }

    public Month month(YearMonth month) throws SQLException {
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        List<Line> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(Sql.get("costs-by-item"))) {
                ps.setObject(1, ts(from));
                ps.setObject(2, ts(to));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Line l = new Line(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                                rs.getBigDecimal(5), rs.getLong(6));
                        lines.add(l);
                        total = total.add(l.amount());
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(Sql.get("costs-per-call"))) {
                ps.setObject(1, ts(from));
                ps.setObject(2, ts(to));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Month(month, from, to, prices.currency(), List.copyOf(lines), total,
                            rs.getLong("calls"), rs.getBigDecimal("calls_amount"), rs.getLong("bookings"),
                            rs.getBigDecimal("booked_amount"), rs.getLong("reminders"), rs.getBigDecimal("reminders_amount"));
                }
            }
        }
    }

    static OffsetDateTime ts(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    static BigDecimal divide(BigDecimal amount, long count) {
        return count == 0 ? null : amount.divide(BigDecimal.valueOf(count), 8, RoundingMode.HALF_UP);
    }

    /** Money on the wire: a number with 6 decimals (fractions of a cent matter per turn), null when unknown. */
    static BigDecimal money(BigDecimal amount) {
        return amount == null ? null : amount.setScale(6, RoundingMode.HALF_UP);
    }
}
