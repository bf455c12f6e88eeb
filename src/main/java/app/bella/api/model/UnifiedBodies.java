package app.bella.api.model;

import app.bella.costs.Recommendations.Recommendation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The operators' console API, {@code GET /api/unified/*} (docs/unified-api.md). {@code business-metrics} answers
 * {@link app.bella.analytics.BusinessReport.View}. Fields are added, never renamed or removed: the console reads them.
 */
public final class UnifiedBodies {

    private UnifiedBodies() {
    }

    // --- status ----------------------------------------------------------------------------------------------------

    @Schema(description = "Bella's state: the instances seen in the last 5 minutes, the paths in use, the database probe, "
            + "the data directory's free space")
    public record UnifiedStatus(List<StatusInstance> instances,
                                @Schema(description = "the id of the instance that answers") String instance,
                                StatusPaths paths, StatusDatabase database, StatusDisk disk) {
    }

    @Schema(description = "An instance by its heartbeat")
    public record StatusInstance(String id, String host, boolean ready,
                                 @Schema(nullable = true, description = "why it is not ready") String detail,
                                 @Schema(format = "date-time") String startedAt, @Schema(format = "date-time") String lastSeen,
                                 @Schema(description = "the instance that answers") boolean self) {
    }

    @Schema(description = "The configured paths (auto: chosen at start-up from what is configured)")
    public record StatusPaths(@Schema(example = "whisper") String speech, @Schema(example = "llm") String extraction) {
    }

    @Schema(description = "This instance's probe of PostgreSQL")
    public record StatusDatabase(boolean reachable,
                                 @Schema(nullable = true, format = "date-time") String unreachableSince) {
    }

    @Schema(description = "This instance's disk watch: its data directory's free space at the last look, the disk-nearly-full alert")
    public record StatusDisk(@Schema(example = "/var/lib/bella") String dataDirectory,
                             @Schema(nullable = true, description = "null until the first look") Long freeMb,
                             @Schema(nullable = true, description = "the alert's threshold on this volume") Long alertBelowMb,
                             boolean nearlyFull,
                             @Schema(nullable = true, format = "date-time") String since,
                             @Schema(nullable = true, description = "why it counts as nearly full") String reason) {
    }

    // --- circuit-breakers --------------------------------------------------------------------------------------------

    public record CircuitBreakers(List<CircuitBreaker> breakers,
                                  @Schema(description = "breakers not CLOSED") long open) {
    }

    @Schema(description = "A circuit breaker with its resilience4j sliding-window figures")
    public record CircuitBreaker(String id, @Schema(description = "the route it guards") String route,
                                 @Schema(allowableValues = {"CLOSED", "OPEN", "HALF_OPEN", "FORCED_OPEN", "DISABLED",
                                         "METRICS_ONLY"}) String state,
                                 @Schema(nullable = true, description = "null until the window holds enough calls")
                                 Float failureRatePercent,
                                 float failureRateThresholdPercent, int bufferedCalls, int failedCalls, int successfulCalls,
                                 long notPermittedCalls) {
    }

    // --- sla-metrics -------------------------------------------------------------------------------------------------

    public record SlaMetrics(SlaReport report) {
    }

    @Schema(description = "The service-level objectives as last evaluated (at most 15 s old)")
    public record SlaReport(@Schema(format = "date-time") String evaluatedAt, List<SloStatus> slos, List<BurnPolicy> policy) {
    }

    public record SloStatus(String name, String description, double target, @Schema(example = "30d") String window,
                            long good, long total,
                            @Schema(nullable = true, description = "good / total; null with no events") Double compliance,
                            double errorBudgetRemaining,
                            @Schema(description = "burn rate by window (5m, 30m, 1h, 6h, 3d)") Map<String, Double> burnRates,
                            boolean breached,
                            @Schema(nullable = true, description = "the policy window that fires") String firingWindow,
                            @Schema(nullable = true, allowableValues = {"critical", "high", "medium", "low"}) String severity,
                            @Schema(description = "the last 30 days") List<SloDay> daily) {
    }

    @Schema(description = "One day of an objective's history")
    public record SloDay(@Schema(format = "date") String day, long good, long total,
                         @Schema(nullable = true) Double compliance, @Schema(nullable = true) Boolean met) {
    }

    @Schema(description = "A multi-window burn-rate alert of the policy")
    public record BurnPolicy(String name, String longWindow, String shortWindow, double burnRate,
                             @Schema(allowableValues = {"critical", "high", "medium", "low"}) String severity) {
    }

    // --- costs -------------------------------------------------------------------------------------------------------

    @Schema(description = "The month's cost ledger (test calls left out); money in currency with 6 decimals, null when "
            + "it cannot be computed yet")
    public record UnifiedCosts(@Schema(example = "2025-10") String month, @Schema(format = "date-time") String from,
                               @Schema(format = "date-time") String to, String currency, BigDecimal total,
                               List<CostLine> byItem, long calls, @Schema(nullable = true) BigDecimal costPerCall,
                               long bookings, @Schema(nullable = true) BigDecimal costPerBookedAppointment,
                               ReminderCosts reminders, TurnCosts perTurn,
                               @Schema(description = "the budget guard as last judged; {} before its first judgement")
                               CostBodies.GuardState guard,
                               @Schema(description = "from the last 30 days; one without data is left out")
                               List<Recommendation> recommendations) {
    }

    @Schema(description = "One ledger item summed over the month")
    public record CostLine(String provider, String item, String unit,
                           @Schema(description = "a decimal number as text", example = "400") String quantity,
                           BigDecimal amount, long entries) {
    }

    public record ReminderCosts(long messages, BigDecimal amount, @Schema(nullable = true) BigDecimal perBooking) {
    }

    @Schema(description = "Measured cost of one turn on each path; null when the path was not used")
    public record TurnCosts(@Schema(nullable = true) BigDecimal twilioSpeech, @Schema(nullable = true) BigDecimal whisper,
                            @Schema(nullable = true) BigDecimal modelCall) {
    }

    // --- alerts ------------------------------------------------------------------------------------------------------

    public record UnifiedAlerts(@Schema(description = "raised and acknowledged alerts, newest first") List<OpenAlert> open,
                                @Schema(description = "open alerts by severity: critical, high, medium, low")
                                Map<String, Long> openBySeverity) {
    }

    @Schema(description = "A raised or acknowledged alert")
    public record OpenAlert(long id, String fingerprint, String source,
                            @Schema(allowableValues = {"critical", "high", "medium", "low"}) String severity,
                            String title, @Schema(description = "left out when the alert has none") String detail,
                            @Schema(allowableValues = {"raised", "acknowledged"}) String state, int count,
                            @Schema(format = "date-time") String firstSeen, @Schema(format = "date-time") String lastSeen) {
    }
}
