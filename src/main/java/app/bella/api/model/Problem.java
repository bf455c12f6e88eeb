package app.bella.api.model;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** An RFC 9457 error body ({@code application/problem+json}), as {@code ApiProblem.body()} writes it. */
@Schema(description = "An error: RFC 9457 problem details; 'field' names the input at fault")
public record Problem(
        @Schema(description = "always about:blank", requiredMode = Schema.RequiredMode.REQUIRED) String type,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String title,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int status,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String detail,
        @Schema(description = "the request field, header or query parameter at fault, when there is one") String field,
        @Schema(description = "booking refusals only: TAKEN, OUTSIDE_HOURS, …") String reason,
        @Schema(description = "booking refusals only: the nearest free slots") List<BookingBodies.Slot> alternatives) {
}
