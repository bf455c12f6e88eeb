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
            @Schema(description = "ISO 3166 alpha-2") String country) {
    }

    public record Range(@Schema(format = "date") String earliest, @Schema(format = "date") String latest, List<String> weekdays,
                        String heard) {
    }

    @Schema(description = "The day as heard: date when pinned, range when vague, unresolved (the words) when unusable")
    public record When(@Schema(format = "date") String date, String time, String dayPart, Range range, String unresolved) {
    }

    public record Parse(String intent, String name, String phone, @Schema(format = "date-time") String start,
                        Integer durationMinutes, String confirmation, When when,
                        @Schema(description = "always rules") String source) {
    }
}
