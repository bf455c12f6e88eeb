package app.bella.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge of the JSON API: API-key check, strict body parsing (unknown fields rejected) and problem+json
 * rendering of every error, so a wrong request always gets a 4xx naming the field.
 */
public final class ApiSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ApiSupport.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] apiKey;

    public ApiSupport(String apiKey) {
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.getBytes(StandardCharsets.UTF_8);
        if (this.apiKey == null) {
            LOG.warn("BELLA_API_KEY is not set: the /api endpoints are open to anyone who can reach this port.");
        }
    }

    /** 401 without the right X-API-Key (when a key is configured). */
    public void authenticate(Exchange exchange) {
        if (apiKey == null) {
            return;
        }
        String given = exchange.getMessage().getHeader("X-API-Key", String.class);
        if (given == null || !MessageDigest.isEqual(apiKey, given.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiProblem(401, "Unauthorized", "A valid X-API-Key header is required", "X-API-Key");
        }
    }

    /** The JSON object in the body; 400 when it is not JSON, 422 for a field not in {@code allowed}. */
    public static ObjectNode object(Exchange exchange, Set<String> allowed) {
        String body = exchange.getMessage().getBody(String.class);
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiProblem(400, "Malformed JSON", "The body is not valid JSON: " + e.getOriginalMessage(), null);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ApiProblem(400, "Malformed JSON", "The body must be a JSON object", null);
        }
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw ApiProblem.invalid(name, "Unknown field '" + name + "'");
            }
        }
        return object;
    }

    /** Renders the exception that stopped the route as problem+json (500s without internals). */
    public void problem(Exchange exchange) throws JsonProcessingException {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiProblem problem;
        if (cause instanceof ApiProblem p) {
            problem = p;
        } else {
            LOG.error("API request failed: {}", cause == null ? "unknown" : cause.toString(), cause);
            problem = new ApiProblem(500, "Internal error", "The request could not be completed; nothing was changed", null);
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/problem+json");
        exchange.getMessage().setBody(JSON.writeValueAsString(problem.body()));
    }

    /** Writes a JSON response body with a status code, dropping the request's headers. */
    public static void respond(Exchange exchange, int status, Object body) {
        try {
            exchange.getMessage().removeHeaders("*");
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.getMessage().setBody(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(ObjectNode body, String field, boolean required, int maxLength) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiProblem.invalid(field, "'" + field + "' is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw ApiProblem.invalid(field, "'" + field + "' must be a string");
        }
        String s = v.asText().strip();
        if (required && s.isEmpty()) {
            throw ApiProblem.invalid(field, "'" + field + "' must not be empty");
        }
        if (s.length() > maxLength) {
            throw ApiProblem.invalid(field, "'" + field + "' is longer than " + maxLength + " characters");
        }
        return s;
    }

    static Integer integer(ObjectNode body, String field, int min, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isInt() || v.asInt() < min || v.asInt() > max) {
            throw ApiProblem.invalid(field, "'" + field + "' must be a whole number from " + min + " to " + max);
        }
        return v.asInt();
    }

    static String e164(String field, String phone) {
        if (phone != null && !phone.matches("^\\+[1-9]\\d{7,14}$")) {
            throw ApiProblem.invalid(field, "'" + field + "' must be an E.164 phone number such as +14165551234");
        }
        return phone;
    }
}
