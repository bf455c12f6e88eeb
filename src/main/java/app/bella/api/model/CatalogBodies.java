package app.bella.api.model;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** Services and providers: what {@code /api/services} and {@code /api/providers} read and write. */
public final class CatalogBodies {

    private CatalogBodies() {
    }

    @Schema(description = "A kind of appointment and its length")
    public record Service(long id, String name, int durationMinutes, boolean active) {
    }

    public record ServiceCreate(
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 100) String name,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "5", maximum = "480") Integer durationMinutes) {
    }

    @Schema(description = "Only the fields given change")
    public record ServiceChange(
            @Schema(maxLength = 100) String name,
            @Schema(minimum = "5", maximum = "480") Integer durationMinutes,
            Boolean active) {
    }

    @Schema(description = "Who or what is booked; tried in sortOrder when booking")
    public record Provider(long id, String name, int sortOrder, boolean active) {
    }

    public record ProviderCreate(
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 100) String name,
            @Schema(minimum = "-1000000", maximum = "1000000") Integer sortOrder) {
    }

    @Schema(description = "Only the fields given change")
    public record ProviderChange(
            @Schema(maxLength = 100) String name,
            @Schema(minimum = "-1000000", maximum = "1000000") Integer sortOrder,
            Boolean active) {
    }
}
