package app.bella.api.model;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Calls as operators see them: what {@code /api/calls} writes. */
public final class CallBodies {

    private CallBodies() {
    }

    @Schema(description = "What the caller has said so far")
    public record CallSlots(String name, String phone, @Schema(format = "date-time") String start, Integer durationMinutes,
                            String service) {
    }

    public record CallSummary(String callSid, String from, String status, String outcome, String step, String intent,
                              CallSlots slots, Long appointmentId, @Schema(format = "date-time") String createdAt) {
    }

    public record Turn(String said, String heard) {
    }

    public record Call(String callSid, String from, String status, String outcome, String step, String intent,
                       CallSlots slots, Long appointmentId, @Schema(format = "date-time") String createdAt, List<Turn> turns) {
    }
}
