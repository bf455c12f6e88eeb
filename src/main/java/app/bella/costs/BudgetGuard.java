package app.bella.costs;

import app.bella.events.EventType;
import app.bella.events.OutboxWriter;
import app.bella.ops.AlertRule;
import app.bella.ops.BudgetRule;
import app.bella.support.Sql;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The budget guard: the month's spend (all of it, or the AI part) against the monthly budget decides which paths calls
 * use. Below 90 % the configured paths; from 90 % ({@code saving}) the cheapest speech path whose measured quality
 * holds, by the ledger's measured cost per turn of each path (list prices until a path has been used); from 100 %
 * ({@code exhausted}) the cheapest working speech path, no model calls and no second reminder. A new month or a larger
 * budget brings the guard back; an operator may force a mode or raise the budget ({@link #override}) and clear that.
 *
 * <p>The decision is kept in PostgreSQL (table budget_guard, one row a month, locked while it changes) so every
 * instance follows the same paths, and each switch is written once with a {@code budget.guard-switched} event. It is
 * also the {@code budget} alert source (80 % MEDIUM, 90 % HIGH, 100 % CRITICAL, once a month each), on the same
 * scoped spend and on Bella's clock. The call path asks {@link #speechEngine}, {@link #modelAllowed} and
 * {@link #secondReminderAllowed}, answered from memory. Bound as {@code budgetGuard}.
 */
public final class BudgetGuard implements AlertRule {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetGuard.class);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public enum Mode {
        NORMAL, SAVING, EXHAUSTED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Mode parse(String text) {
            return text == null ? null : valueOf(text.strip().toUpperCase(Locale.ROOT));
        }
    }

    /** The paths in force. */
    public record Decision(Mode mode, String speech, boolean model, boolean secondReminder, String reason) {
    }

    /** What the guard knows about the paths: configured choice, availability, list-price estimates. */
    public record Settings(BigDecimal budget, boolean aiOnly, List<Integer> thresholds, String configuredSpeech,
                           boolean whisperAvailable, boolean modelConfigured, BigDecimal listTwilioSpeechPerTurn,
                           BigDecimal listWhisperPerTurn, double minimumWhisperSuccess) {
    }

    private final DataSource dataSource;
    private final OutboxWriter events;
    private final Clock clock;
    private final ZoneId zone;
    private final CostReport report;
    private final Settings settings;
    private volatile Decision current;
    private volatile Map<String, Object> lastView = Map.of();

    public BudgetGuard(DataSource dataSource, OutboxWriter events, Clock clock, ZoneId zone, CostReport report, Settings settings) {
        this.dataSource = dataSource;
        this.events = events;
        this.clock = clock;
        this.zone = zone;
        this.report = report;
        this.settings = settings;
        this.current = normal("starting");
    }

    // --- the call path -------------------------------------------------------------------------------------------

    /** The speech engine for a new call. */
    public String speechEngine() {
        return current.speech();
    }

    public boolean modelAllowed() {
        return current.model();
    }

    public boolean secondReminderAllowed() {
        return current.secondReminder();
    }

    public Decision current() {
        return current;
    }

    // --- judging ---------------------------------------------------------------------------------------------------

    @Override
    public String source() {
        return "budget";
    }

    /** On the alert timer: judge, switch if needed (once across instances), and report the budget thresholds. */
    @Override
    public Result evaluate(Instant now) throws Exception {
        YearMonth month = YearMonth.from(now.atZone(zone));
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        BigDecimal spent;
        BigDecimal budget = settings.budget();
        Mode forced = null;
        String overrideReason = null;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(Sql.get("budget-month-spend"))) {
                ps.setObject(1, ts(from));
                ps.setObject(2, ts(to));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    spent = settings.aiOnly() ? rs.getBigDecimal("ai") : rs.getBigDecimal("total");
                }
            }
            try (PreparedStatement ps = c.prepareStatement(Sql.get("budget-guard-override-find"));
                 ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    forced = Mode.parse(rs.getString("mode"));
                    if (rs.getBigDecimal("budget") != null) {
                        budget = rs.getBigDecimal("budget");
                    }
                    overrideReason = "operator " + (rs.getString("set_by") == null ? "" : rs.getString("set_by") + " ")
                            + "override" + (rs.getString("reason") == null ? "" : ": " + rs.getString("reason"));
                }
            }
        }
        CostReport.Month measured = report.month(month);
        PathCosts costs = pathCosts(measured, month);
        boolean whisperWorks = whisperWorks(now);
        BigDecimal percent = budget.signum() <= 0 ? BigDecimal.ZERO
                : spent.multiply(HUNDRED).divide(budget, 1, RoundingMode.DOWN);
        Mode auto = budget.signum() <= 0 ? Mode.NORMAL
                : percent.compareTo(HUNDRED) >= 0 ? Mode.EXHAUSTED
                : percent.compareTo(BigDecimal.valueOf(90)) >= 0 ? Mode.SAVING : Mode.NORMAL;
        Mode mode = forced == null ? auto : forced;
        String why = forced != null ? overrideReason
                : String.format(Locale.ROOT, "%s spend $%s is %s%% of the $%s budget", settings.aiOnly() ? "AI" : "all",
                        spent.setScale(2, RoundingMode.HALF_UP).toPlainString(), percent.toPlainString(),
                        budget.setScale(2, RoundingMode.HALF_UP).toPlainString());
        Decision decision = decide(mode, costs, whisperWorks, why);
        current = store(month.toString(), decision, spent, budget, now);
        lastView = view(month, spent, budget, percent, forced, costs, whisperWorks);
        return new BudgetRule(null, zone.getId(), budget, settings.thresholds()).judge(spent, month.toString());
    }

    /** The per-turn costs the decision compares, measured this month (else last month), else list prices. */
    record PathCosts(BigDecimal twilioSpeech, String twilioSource, BigDecimal whisper, String whisperSource, BigDecimal model) {

        String cheapest() {
            return whisper.compareTo(twilioSpeech) < 0 ? "whisper" : "twilio";
        }
    }

    private PathCosts pathCosts(CostReport.Month month, YearMonth m) throws SQLException {
        CostReport.Month previous = null;
        BigDecimal twilio = month.twilioSpeechPerTurn();
        String twilioSource = "measured";
        BigDecimal whisper = month.whisperPerTurn();
        String whisperSource = "measured";
        if (twilio == null || whisper == null) {
            previous = report.month(m.minusMonths(1));
        }
        if (twilio == null && previous != null && previous.twilioSpeechPerTurn() != null) {
            twilio = previous.twilioSpeechPerTurn();
            twilioSource = "measured last month";
        }
        if (whisper == null && previous != null && previous.whisperPerTurn() != null) {
            whisper = previous.whisperPerTurn();
            whisperSource = "measured last month";
        }
        if (twilio == null) {
            twilio = settings.listTwilioSpeechPerTurn();
            twilioSource = "list price";
        }
        if (whisper == null) {
            whisper = settings.listWhisperPerTurn();
            whisperSource = "list price";
        }
        return new PathCosts(twilio, twilioSource, whisper, whisperSource, month.modelPerCall());
    }

    /** Whisper's measured quality: finished transcriptions of the last 7 days that did not fail (unknown: trusted). */
    private boolean whisperWorks(Instant now) throws SQLException {
        if (!settings.whisperAvailable()) {
            return false;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(Sql.get("budget-whisper-quality"))) {
            ps.setObject(1, ts(now.minus(Duration.ofDays(7))));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long finished = rs.getLong("finished");
                long failed = rs.getLong("failed");
                return finished < 20 || (double) (finished - failed) / finished >= settings.minimumWhisperSuccess();
            }
        }
    }

    Decision decide(Mode mode, PathCosts costs, boolean whisperWorks, String why) {
        return switch (mode) {
            case NORMAL -> normal(why);
            case SAVING, EXHAUSTED -> {
                String speech = whisperWorks && "whisper".equals(costs.cheapest()) ? "whisper" : "twilio";
                // saving: the model stays (it is asked only when the rules miss); exhausted: optional spend stops
                boolean model = mode == Mode.SAVING && settings.modelConfigured();
                yield new Decision(mode, speech, model, mode == Mode.SAVING, why);
            }
        };
    }

    private Decision normal(String why) {
        return new Decision(Mode.NORMAL, settings.configuredSpeech(), settings.modelConfigured(), true, why);
    }

    /** Writes the decision if it differs from the month's row (under its lock): one switch and event across instances. */
    private Decision store(String month, Decision d, BigDecimal spent, BigDecimal budget, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                exec(c, "budget-guard-carry", month, ts(now), month);
                exec(c, "budget-guard-ensure", month, Mode.NORMAL.wire(), settings.configuredSpeech(), settings.modelConfigured(),
                        true, "month started", ts(now));
                Decision stored;
                try (PreparedStatement ps = prepare(c, "budget-guard-lock", month); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    stored = new Decision(Mode.parse(rs.getString("mode")), rs.getString("speech"), rs.getBoolean("model"),
                            rs.getBoolean("second_reminder"), rs.getString("reason"));
                }
                boolean same = stored.mode() == d.mode() && stored.speech().equals(d.speech()) && stored.model() == d.model()
                        && stored.secondReminder() == d.secondReminder();
                if (!same) {
                    exec(c, "budget-guard-update", d.mode().wire(), d.speech(), d.model(), d.secondReminder(), d.reason(), ts(now), month);
                    exec(c, "budget-guard-switch-insert", month, ts(now), stored.mode().wire(), d.mode().wire(), d.speech(),
                            d.model(), d.secondReminder(), d.reason());
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("month", month);
                    p.put("fromMode", stored.mode().wire());
                    p.put("toMode", d.mode().wire());
                    p.put("speech", d.speech());
                    p.put("model", d.model());
                    p.put("secondReminder", d.secondReminder());
                    p.put("spent", spent.setScale(6, RoundingMode.HALF_UP));
                    p.put("budget", budget.setScale(2, RoundingMode.HALF_UP));
                    p.put("reason", d.reason());
                    p.put("at", now.toString());
                    events.append(c, EventType.BUDGET_GUARD_SWITCHED, month, p);
                    LOG.warn("Budget guard {} → {}: speech {}, model {}, second reminder {} ({})", stored.mode().wire(),
                            d.mode().wire(), d.speech(), d.model(), d.secondReminder(), d.reason());
                    stored = d;
                }
                c.commit();
                return stored;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    // --- operator --------------------------------------------------------------------------------------------------

    /** Forces a mode and/or a budget (null leaves that to the configuration); takes effect at the next evaluation. */
    public void override(Mode mode, BigDecimal budget, String by, String reason) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            exec(c, "budget-guard-override-set", mode == null ? null : mode.wire(), budget, by, reason, ts(clock.instant()));
        }
    }

    public void clearOverride() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            exec(c, "budget-guard-override-clear");
        }
    }

    // --- views -----------------------------------------------------------------------------------------------------

    private Map<String, Object> view(YearMonth month, BigDecimal spent, BigDecimal budget, BigDecimal percent, Mode forced,
                                     PathCosts costs, boolean whisperWorks) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("month", month.toString());
        m.put("scope", settings.aiOnly() ? "ai" : "all");
        m.put("budget", budget.setScale(2, RoundingMode.HALF_UP));
        m.put("spent", spent.setScale(6, RoundingMode.HALF_UP));
        m.put("percent", percent);
        Decision d = current;
        m.put("mode", d.mode().wire());
        m.put("speech", d.speech());
        m.put("model", d.model());
        m.put("secondReminder", d.secondReminder());
        m.put("reason", d.reason());
        m.put("override", forced == null ? null : forced.wire());
        Map<String, Object> perTurn = new LinkedHashMap<>();
        perTurn.put("twilioSpeech", costs.twilioSpeech().setScale(6, RoundingMode.HALF_UP));
        perTurn.put("twilioSpeechSource", costs.twilioSource());
        perTurn.put("whisper", costs.whisper().setScale(6, RoundingMode.HALF_UP));
        perTurn.put("whisperSource", costs.whisperSource());
        perTurn.put("modelCall", costs.model() == null ? null : costs.model().setScale(6, RoundingMode.HALF_UP));
        m.put("perTurn", perTurn);
        m.put("whisperQualityOk", whisperWorks);
        List<Map<String, Object>> switches = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(Sql.get("budget-guard-switches"));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("month", rs.getString("month"));
                s.put("at", rs.getObject("at", OffsetDateTime.class).toInstant().toString());
                s.put("from", rs.getString("from_mode"));
                s.put("to", rs.getString("to_mode"));
                s.put("speech", rs.getString("speech"));
                s.put("model", rs.getBoolean("model"));
                s.put("secondReminder", rs.getBoolean("second_reminder"));
                s.put("reason", rs.getString("reason"));
                switches.add(s);
            }
        }
        m.put("switches", switches);
        return m;
    }

    /** The guard's state as last judged (GET /api/unified/costs → guard). */
    public Map<String, Object> view() {
        return lastView;
    }

    private static OffsetDateTime ts(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(Sql.get(sql));
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    private static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            ps.execute();
        }
    }
}
