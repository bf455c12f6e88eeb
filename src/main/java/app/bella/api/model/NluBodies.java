package app.bella.api.model;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** {@code POST /api/nlu/parse}: a phrase in, what the parser understood out. */
public final class NluBodies {

    private NluBodies() {
    }

    public record ParseRequest(
            @Schema(maxLength = 2000) String text,
            @Schema(allowableValues = {"name", "phone", "time", "duration", "confirm"}) String expect,
            @Schema(format = "date-time", description = "default: Bella's clock") String now,
            @Schema(description = "IANA zone, default: the practice's") String timezone,
            @Schema(description = "E.164, as a call's caller id") String callerId,
            @Schema(description = "ISO 3166 alpha-2") String country,
            @Schema(allowableValues = {"rules", "model"}, description = "rules (default): the deterministic parser alone; "
                    + "model: as in a call turn, the extraction model is asked when the rules miss what expect asks for, "
                    + "and the rules judge its reading. 422 naming path when no model is configured") String path) {
    }

    @Schema(description = "Which path filled each slot: rules, model (a slot the rules missed), null when empty")
    public record FilledBy(@Schema(allowableValues = {"rules", "model"}) String intent,
                           @Schema(allowableValues = {"rules", "model"}) String name,
                           @Schema(allowableValues = {"rules", "model"}) String phone,
                           @Schema(allowableValues = {"rules", "model"}, description = "the date-time (start and when)") String start,
                           @Schema(allowableValues = {"rules", "model"}) String durationMinutes,
                           @Schema(allowableValues = {"rules", "model"}) String confirmation) {
    }

    public record Range(@Schema(format = "date") String earliest, @Schema(format = "date") String latest, List<String> weekdays,
                        String heard) {
    }

    @Schema(description = "The day as heard: date when pinned, range when vague, unresolved (the words) when unusable")
    public record When(@Schema(format = "date") String date, String time, String dayPart, Range range, String unresolved) {
    }

    public record Parse(String intent, String name, String phone, @Schema(format = "date-time") String start,
                        Integer durationMinutes, String confirmation, When when,
                        @Schema(allowableValues = {"rules", "rules+model"}, description = "rules+model when the model filled a slot")
                        String source,
                        @Schema(allowableValues = {"rules", "model"}) String path,
                        @Schema(description = "path model: the rules missed what expect asks for, so the model was asked")
                        boolean modelAsked,
                        @Schema(description = "the model gave a usable reading (false: not asked, failed, breaker open, "
                                + "unusable reply or budget guard)") boolean modelAnswered,
                        FilledBy filledBy) {
    }
}
