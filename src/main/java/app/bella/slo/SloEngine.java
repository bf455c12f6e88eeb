package app.bella.slo;

import app.bella.events.EventType;
import app.bella.events.OutboxWriter;
import app.bella.ops.AlertRaise;
import app.bella.ops.AlertRule;
import app.bella.ops.AlertService;
import app.bella.ops.Severity;
import app.bella.support.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Judges every SLO over the 30-day window with multi-window, multi-burn-rate detection (Google SRE workbook, ch. 5):
 * a window pair fires when both its long and its short window burn the error budget at least at its rate. Fast burn
 * (1 h and 5 min at 14.4×: 2 % of the month's budget in an hour) is CRITICAL; medium (6 h and 30 min at 6×) and slow
 * (3 days and 6 h at 1×) burns are HIGH. An SLO entering or leaving breach writes {@code sla.breached} /
 * {@code sla.recovered} once across instances (its slo_state row is locked while it flips), and recovery raises a LOW
 * notice. Evaluated by alerts-evaluate as the "slo" alert source; it also keeps the daily compliance history.
 */
public final class SloEngine implements AlertRule {

    public static final Duration WINDOW = Duration.ofDays(30);

    /** A long and a short window burning at least {@code rate} × the sustainable rate. */
    public record BurnWindow(String name, Duration longWindow, Duration shortWindow, double rate, Severity severity) {
    }

    public static final List<BurnWindow> POLICY = List.of(
            new BurnWindow("fast", Duration.ofHours(1), Duration.ofMinutes(5), 14.4, Severity.CRITICAL),
            new BurnWindow("medium", Duration.ofHours(6), Duration.ofMinutes(30), 6, Severity.HIGH),
            new BurnWindow("slow", Duration.ofDays(3), Duration.ofHours(6), 1, Severity.HIGH));

    private final SloStore store;
    private final List<Slo> slos;
    private final AlertService alerts;
    private final OutboxWriter events;
    private final Clock clock;
    private final ZoneId zone;
    private volatile Map<String, Object> lastView = Map.of();
    private volatile Instant lastViewAt = Instant.EPOCH;

    public SloEngine(SloStore store, List<Slo> slos, AlertService alerts, OutboxWriter events, Clock clock, ZoneId zone) {
        this.store = store;
        this.slos = List.copyOf(slos);
        this.alerts = alerts;
        this.events = events;
        this.clock = clock;
        this.zone = zone;
    }

    public List<Slo> slos() {
        return slos;
    }

    @Override
    public String source() {
        return "slo";
    }

    /** What one SLO looks like now. */
    public record Judgement(Slo slo, SloStore.Count month, Map<String, Double> burnRates, BurnWindow firing) {

        public double budgetRemaining() {
            if (month.total() == 0) {
                return 1.0;
            }
            return 1.0 - month.badRatio() / slo.errorBudget();
        }

        /** The alert policy's "SLA breach > 1 %": over the 30 days, compliance more than one point below target. */
        public boolean breachedByMoreThanOnePoint() {
            return month.total() >= slo.minimumEvents() && month.ratio() < slo.target() - 0.01;
        }

        /** CRITICAL for a fast burn or a breach of more than 1 %; otherwise the pair's own severity (HIGH). */
        public Severity severity() {
            if (firing == null) {
                return null;
            }
            return breachedByMoreThanOnePoint() ? Severity.CRITICAL : firing.severity();
        }
    }

    public Judgement judge(Slo slo, Instant now) throws SQLException {
        Map<String, Double> burn = new LinkedHashMap<>();
        BurnWindow firing = null;
        for (BurnWindow w : POLICY) {
            SloStore.Count longW = count(slo, now.minus(w.longWindow()), now);
            SloStore.Count shortW = count(slo, now.minus(w.shortWindow()), now);
            double longBurn = longW.badRatio() / slo.errorBudget();
            double shortBurn = shortW.badRatio() / slo.errorBudget();
            burn.put(label(w.longWindow()), longBurn);
            burn.put(label(w.shortWindow()), shortBurn);
            if (firing == null && longW.total() >= slo.minimumEvents() && shortW.total() > 0
                    && longBurn >= w.rate() && shortBurn >= w.rate()) {
                firing = w;
            }
        }
        return new Judgement(slo, count(slo, now.minus(WINDOW), now), burn, firing);
    }

    private SloStore.Count count(Slo slo, Instant from, Instant to) throws SQLException {
        return "availability".equals(slo.name()) ? store.availability(from, to) : store.window(slo.name(), from, to.plusSeconds(60));
    }

    @Override
    public Result evaluate(Instant now) throws Exception {
        List<Condition> firing = new ArrayList<>();
        List<Judgement> judged = new ArrayList<>();
        for (Slo slo : slos) {
            Judgement j = judge(slo, now);
            judged.add(j);
            if (j.firing() != null) {
                BurnWindow w = j.firing();
                firing.add(Condition.of("slo:" + slo.name() + ":" + w.name(), j.severity(),
                        String.format(Locale.ROOT, "SLO %s: %s burn of the error budget", slo.name(), w.name()),
                        String.format(Locale.ROOT, "%s (target %.2f%%) burns its error budget at %.1f× over %s and %.1f× over %s "
                                        + "(threshold %.1f×); %.1f%% of the 30-day budget is left.",
                                slo.description(), slo.target() * 100, j.burnRates().get(label(w.longWindow())),
                                label(w.longWindow()), j.burnRates().get(label(w.shortWindow())), label(w.shortWindow()),
                                w.rate(), j.budgetRemaining() * 100)));
            }
            transition(j, now);
        }
        daily(now);
        lastView = view(judged, now);
        lastViewAt = now;
        return Result.firing(firing);
    }

    /** ok ↔ breached, decided under the SLO's row lock so one instance writes the event. */
    private void transition(Judgement j, Instant now) throws SQLException {
        String slo = j.slo().name();
        boolean breached = j.firing() != null;
        boolean recovered = false;
        String breachedSince = null;
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(Sql.get("slo-state-lock"))) {
                ps.setString(1, slo);
                ps.setObject(2, SloStore.ts(now));
                ps.executeUpdate();
            }
            String state;
            try (PreparedStatement ps = c.prepareStatement(Sql.get("slo-state-find"))) {
                ps.setString(1, slo);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    state = rs.getString(1);
                    breachedSince = rs.getObject(4, OffsetDateTime.class).toInstant().toString();
                }
            }
            if (breached && "ok".equals(state)) {
                set(c, slo, "breached", j.firing(), now);
                events.append(c, EventType.SLA_BREACHED, slo, event(j, now));
            } else if (!breached && "breached".equals(state)) {
                set(c, slo, "ok", null, now);
                events.append(c, EventType.SLA_RECOVERED, slo, event(j, now));
                recovered = true;
            }
            c.commit();
        }
        if (recovered) {
            alerts.raise(new AlertRaise("slo:" + slo + ":recovered:" + breachedSince, "slo-notice", Severity.LOW,
                    "SLO " + slo + " recovered", j.slo().description() + " is back within its error-budget burn limits.",
                    AlertRaise.Mode.ONCE));
        }
    }

    private static void set(Connection c, String slo, String state, BurnWindow w, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("slo-state-set"))) {
            ps.setString(1, state);
            ps.setString(2, w == null ? null : w.severity().wire());
            ps.setString(3, w == null ? null : w.name());
            ps.setObject(4, SloStore.ts(now));
            ps.setString(5, slo);
            ps.executeUpdate();
        }
    }

    private static Map<String, Object> event(Judgement j, Instant now) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("slo", j.slo().name());
        p.put("target", j.slo().target());
        if (j.firing() != null) {
            p.put("window", j.firing().name());
            p.put("severity", j.severity().wire());
            p.put("burnRate", j.burnRates().get(label(j.firing().shortWindow())));
        }
        p.put("compliance", j.month().ratio());
        p.put("budgetRemaining", j.budgetRemaining());
        p.put("at", now.toString());
        return p;
    }

    /** Today's and yesterday's compliance (practice time zone). */
    private void daily(Instant now) throws SQLException {
        LocalDate today = now.atZone(zone).toLocalDate();
        for (LocalDate day : List.of(today.minusDays(1), today)) {
            Instant from = day.atStartOfDay(zone).toInstant();
            Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
            for (Slo slo : slos) {
                SloStore.Count n = "availability".equals(slo.name())
                        ? store.availability(from, to.isAfter(now) ? now : to) : store.window(slo.name(), from, to);
                if (n.total() == 0) {
                    continue;
                }
                try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(Sql.get("slo-daily-upsert"))) {
                    ps.setObject(1, day);
                    ps.setString(2, slo.name());
                    ps.setLong(3, n.good());
                    ps.setLong(4, n.total());
                    ps.setObject(5, n.ratio());
                    ps.setDouble(6, slo.target());
                    ps.setBoolean(7, n.ratio() >= slo.target());
                    ps.executeUpdate();
                }
            }
        }
    }

    /** GET /api/unified/sla-metrics: the last evaluation, or a fresh one when it is older than 15 s. */
    public Map<String, Object> view() throws SQLException {
        Instant now = clock.instant();
        if (Duration.between(lastViewAt, now).compareTo(Duration.ofSeconds(15)) > 0 || lastViewAt.isAfter(now)) {
            List<Judgement> judged = new ArrayList<>();
            for (Slo slo : slos) {
                judged.add(judge(slo, now));
            }
            lastView = view(judged, now);
            lastViewAt = now;
        }
        return lastView;
    }

    private Map<String, Object> view(List<Judgement> judged, Instant now) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        LocalDate since = now.atZone(zone).toLocalDate().minusDays(30);
        for (Judgement j : judged) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", j.slo().name());
            m.put("description", j.slo().description());
            m.put("target", j.slo().target());
            m.put("window", "30d");
            m.put("good", j.month().good());
            m.put("total", j.month().total());
            m.put("compliance", j.month().ratio());
            m.put("errorBudgetRemaining", j.budgetRemaining());
            m.put("burnRates", j.burnRates());
            m.put("breached", j.firing() != null);
            m.put("firingWindow", j.firing() == null ? null : j.firing().name());
            m.put("severity", j.firing() == null ? null : j.severity().wire());
            m.put("daily", history(j.slo().name(), since));
            out.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("evaluatedAt", now.toString());
        body.put("slos", out);
        List<Map<String, Object>> policy = new ArrayList<>();
        for (BurnWindow w : POLICY) {
            policy.add(Map.of("name", w.name(), "longWindow", label(w.longWindow()), "shortWindow", label(w.shortWindow()),
                    "burnRate", w.rate(), "severity", w.severity().wire()));
        }
        body.put("policy", policy);
        return body;
    }

    private List<Map<String, Object>> history(String slo, LocalDate since) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(Sql.get("slo-daily-history"))) {
            ps.setString(1, slo);
            ps.setObject(2, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("day", rs.getObject(1, LocalDate.class).toString());
                    d.put("good", rs.getLong(2));
                    d.put("total", rs.getLong(3));
                    d.put("compliance", rs.getBigDecimal(4) == null ? null : rs.getBigDecimal(4).doubleValue());
                    d.put("met", rs.getObject(5));
                    out.add(d);
                }
            }
        }
        return out;
    }

    static String label(Duration d) {
        if (d.toDays() > 0 && d.toHours() % 24 == 0) {
            return d.toDays() + "d";
        }
        return d.toHours() > 0 && d.toMinutes() % 60 == 0 ? d.toHours() + "h" : d.toMinutes() + "m";
    }

    DataSource dataSource() {
        return store.dataSource();
    }
}
