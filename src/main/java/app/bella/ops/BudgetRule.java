package app.bella.ops;

import app.bella.support.Sql;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Spend of the calendar month (cost_entry, practice time zone) against the monthly budget: each threshold crossed
 * (default 80, 90, 100 %) raises once per month — medium below 90 %, high below 100 %, critical from 100 % — and the
 * month's alerts resolve when the next month starts.
 */
public final class BudgetRule implements AlertRule {

    private final DataSource dataSource;
    private final String zone;
    private final BigDecimal budgetUsd;
    private final List<Integer> thresholds;

    public BudgetRule(DataSource dataSource, String zone, BigDecimal budgetUsd, List<Integer> thresholds) {
        this.dataSource = dataSource;
        this.zone = zone;
        this.budgetUsd = budgetUsd;
        this.thresholds = thresholds.stream().sorted().toList();
    }

    @Override
    public String source() {
        return "budget";
    }

    @Override
    public Result evaluate(Instant now) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(Sql.get("alerts-month-spend"))) {
            ps.setString(1, zone);
            ps.setString(2, zone);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return judge(rs.getBigDecimal("usd"), rs.getString("month"));
            }
        }
    }

    public Result judge(BigDecimal spentUsd, String month) {
        if (budgetUsd.signum() <= 0) {
            return Result.clear();
        }
        BigDecimal percent = spentUsd.multiply(BigDecimal.valueOf(100)).divide(budgetUsd, 1, RoundingMode.DOWN);
        List<Condition> firing = new ArrayList<>();
        for (int t : thresholds) {
            if (percent.compareTo(BigDecimal.valueOf(t)) >= 0) {
                Severity severity = t >= 100 ? Severity.CRITICAL : t >= 90 ? Severity.HIGH : Severity.MEDIUM;
                firing.add(Condition.once("budget:" + month + ":" + t, severity,
                        "Monthly spend passed " + t + "% of the budget",
                        String.format(Locale.ROOT, "%s spend so far $%s of $%s (%s%%).", month,
                                spentUsd.setScale(2, RoundingMode.HALF_UP).toPlainString(),
                                budgetUsd.setScale(2, RoundingMode.HALF_UP).toPlainString(), percent.toPlainString())));
            }
        }
        return Result.firing(firing);
    }
}
