package app.bella.api.model;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** API keys: what {@code /api/keys} reads and writes (the secret only in the 201 of its creation). */
public final class KeyBodies {

    private KeyBodies() {
    }

    public record ApiKey(long id, String label, @Schema(allowableValues = {"read", "write", "admin"}) String scope,
                         @Schema(description = "the key's first 8 characters") String prefix,
                         @Schema(format = "date-time") String createdAt,
                         @Schema(format = "date-time") String revokedAt) {
    }

    public record ApiKeyCreate(
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 100) String label,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {"read", "write", "admin"}) String scope) {
    }

    public record ApiKeyCreated(long id, String label, @Schema(allowableValues = {"read", "write", "admin"}) String scope,
                                String prefix, @Schema(format = "date-time") String createdAt,
                                @Schema(format = "date-time") String revokedAt,
                                @Schema(description = "the secret, shown only here; null in an Idempotency-Key replay") String key,
                                @Schema(description = "true in an Idempotency-Key replay, which cannot show the key") Boolean keyShownOnlyOnce) {
    }
}
