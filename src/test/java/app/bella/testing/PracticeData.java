package app.bella.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A practice's customers and appointments, seeded and read through the API: a call test's "given" and "then". */
public final class PracticeData {

    private final ApiClient api;

    public PracticeData(BellaServer bella, String key) {
        this.api = new ApiClient(bella, key);
    }

    /** Every appointment under {@code phone}, as the API lists them (cancelled ones too). */
    public List<JsonNode> appointments(String phone) throws Exception {
        ApiClient.Reply r = api.get("/api/appointments?phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8));
        expect(r, 200);
        List<JsonNode> out = new ArrayList<>();
        r.json().forEach(out::add);
        return out;
    }

    /** Books {@code start} (ISO with offset) for {@code minutes}; its id. */
    public long appointment(String name, String phone, String start, int minutes) throws Exception {
        ApiClient.Reply r = api.post("/api/appointments",
                Map.of("name", name, "phone", phone, "start", start, "durationMinutes", minutes));
        expect(r, 201);
        return r.json().get("id").asLong();
    }

    /** A known caller, with the length they usually book. */
    public void customer(String name, String phone, int preferredMinutes) throws Exception {
        expect(api.post("/api/customers", Map.of("name", name, "phone", phone, "preferredDurationMinutes", preferredMinutes)), 201);
    }

    private static void expect(ApiClient.Reply r, int status) {
        if (r.status() != status) {
            throw new AssertionError("expected " + status + ", got " + r);
        }
    }
}
