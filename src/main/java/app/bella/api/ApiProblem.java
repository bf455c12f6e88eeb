package app.bella.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** An RFC 9457 problem: the HTTP status, a short title, what went wrong and, where it applies, the field at fault. */
public final class ApiProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final String field;
    private final Map<String, Object> extra;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiProblem(int status, String title, String detail, String field) {
        this(status, title, detail, field, Map.of());
    }

    public ApiProblem(int status, String title, String detail, String field, Map<String, Object> extra) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.field = field;
        this.extra = extra;
    }

    public static ApiProblem invalid(String field, String detail) {
        return new ApiProblem(422, "Invalid request", detail, field);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not found", detail, null);
    }

    public static ApiProblem conflict(String field, String detail) {
        return new ApiProblem(409, "Conflict", detail, field);
    }

    /** A response header to send with the problem (Retry-After, Allow, ...). */
    public ApiProblem withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public int status() {
        return status;
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", getMessage());
        if (field != null) {
            body.put("field", field);
        }
        body.putAll(extra);
        return body;
    }
}
