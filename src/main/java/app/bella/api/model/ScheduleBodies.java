package app.bella.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/** Opening hours and closures: what {@code /api/opening-hours} and {@code /api/closures} read and write. */
public final class ScheduleBodies {

    private ScheduleBodies() {
    }

    @Schema(description = "Opening ranges per day, \"HH:mm-HH:mm\"; a day without ranges is closed")
    public record Week(
            @JsonProperty("Mon") List<String> mon,
            @JsonProperty("Tue") List<String> tue,
            @JsonProperty("Wed") List<String> wed,
            @JsonProperty("Thu") List<String> thu,
            @JsonProperty("Fri") List<String> fri,
            @JsonProperty("Sat") List<String> sat,
            @JsonProperty("Sun") List<String> sun) {
    }

    public record OpeningHours(Week hours, @Schema(example = "Mon-Fri 09:00-17:00") String spec) {
    }

    @Schema(description = "Replaces all opening hours: give either 'hours' or 'spec'")
    public record OpeningHoursChange(Week hours, @Schema(maxLength = 500, example = "Mon-Fri 09:00-17:00") String spec) {
    }

    public record Closure(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date") String date,
            @Schema(maxLength = 200) String reason) {
    }

    @Schema(description = "All closures (PUT replaces the whole list, at most 1000)")
    public record Closures(@Schema(requiredMode = RequiredMode.REQUIRED) List<Closure> closures) {
    }
}
