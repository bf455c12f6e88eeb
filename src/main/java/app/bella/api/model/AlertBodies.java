package app.bella.api.model;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/** Alerts and maintenance windows: what {@code /api/alerts} reads and writes. */
public final class AlertBodies {

    private AlertBodies() {
    }

    public record Delivery(String channel, String kind, String status, int attempts, String lastError,
                           @Schema(format = "date-time") String createdAt, @Schema(format = "date-time") String updatedAt) {
    }

    public record Alert(String id, String fingerprint, String source,
                        @Schema(allowableValues = {"critical", "high", "medium", "low"}) String severity,
                        String title, String detail,
                        @Schema(allowableValues = {"raised", "acknowledged", "resolved"}) String state,
                        int count, int suppressed,
                        @Schema(format = "date-time") String firstSeen, @Schema(format = "date-time") String lastSeen,
                        @Schema(format = "date-time") String acknowledgedAt, String acknowledgedBy,
                        @Schema(format = "date-time") String resolvedAt, String resolution, int escalationLevel,
                        List<Delivery> deliveries) {
    }

    public record AlertAck(@Schema(maxLength = 200, description = "who acknowledges") String by) {
    }

    public record AlertResolve(@Schema(maxLength = 200, description = "what was done") String resolution) {
    }

    public record TestAlert(String alertId, List<String> channels) {
    }

    public record MaintenanceWindow(String id, @Schema(format = "date-time") String start, @Schema(format = "date-time") String end,
                                    long minutes, String reason, String declaredBy, @Schema(format = "date-time") String declaredAt,
                                    @Schema(description = "in the list only: whether it holds notifications now") Boolean active) {
    }

    public record MaintenanceWindowDeclare(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String start,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1") Integer minutes,
            @Schema(requiredMode = RequiredMode.REQUIRED, minLength = 1, maxLength = 200) String reason) {
    }

    public record MaintenanceWindows(List<MaintenanceWindow> windows,
                                     @Schema(description = "whether a window holds notifications now") boolean holding) {
    }
}
