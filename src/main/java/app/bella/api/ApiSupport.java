package app.bella.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge of the JSON API: who is calling (X-API-Key) and may they (scope, rate limit), strict body parsing
 * (unknown fields rejected) and problem+json rendering of every error, so a wrong request always gets a 4xx naming
 * the field.
 */
public final class ApiSupport extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ApiSupport.class);
    static final ObjectMapper JSON = new ObjectMapper();
    /** Exchange property holding the {@link Principal} of an authenticated request. */
    public static final String PRINCIPAL = "bella.api.principal";
    /** Exchange property: the Idempotency-Key request header (never a query parameter of that name). */
    static final String IDEMPOTENCY = "bella.api.idempotencyKey";

    /** A bootstrap key shorter than this is refused at start. */
    public static final int MIN_BOOTSTRAP_KEY_LENGTH = 32;
    /** How to get a key: said in every 401. */
    static final String HOW_TO_GET_A_KEY = "Send an API key as the X-API-Key header. The first admin key was printed to "
            + "Bella's console at its first start; an operator creates more with `java -jar bella.jar keys create --label "
            + "NAME --scope read|write|admin` or POST /api/keys (admin scope), or sets BELLA_API_KEY (32+ characters).";

    private final DataSource dataSource;
    private final ApiKeys keys;
    private final RateLimiter rateLimiter;
    private final AuthFailures failures;
    private final byte[] bootstrapHash;
    private final PrintStream console;
    private volatile SessionAuthenticator sessions; // the console's cookie sessions, when bound

    /**
     * Refuses a bootstrap key under 32 characters. Without a bootstrap key, on a database where no key was ever
     * created, creates (when started, see {@link #doStart()}) one admin key (one instance does, however many start together) and prints it to
     * {@code console}, once; only its hash is stored.
     */
    public ApiSupport(DataSource dataSource, ApiKeys keys, RateLimiter rateLimiter, AuthFailures failures, String bootstrapKey,
                      PrintStream console) {
        this.dataSource = dataSource;
        this.keys = keys;
        this.rateLimiter = rateLimiter;
        this.failures = failures;
        boolean bootstrap = bootstrapKey != null && !bootstrapKey.isBlank();
        if (bootstrap && bootstrapKey.length() < MIN_BOOTSTRAP_KEY_LENGTH) {
            throw new IllegalStateException("BELLA_API_KEY is shorter than " + MIN_BOOTSTRAP_KEY_LENGTH + " characters: "
                    + "use a random key, e.g. `openssl rand -base64 36`, or leave it empty");
        }
        this.bootstrapHash = bootstrap ? ApiKeys.sha256(bootstrapKey) : null;
        this.console = console;
    }

    /** When Camel starts (the database is migrated by then, not yet when the beans are made): the first key. */
    @Override
    protected void doStart() {
        if (bootstrapHash == null) {
            createFirstAdminKey(console);
        }
    }

    private void createFirstAdminKey(PrintStream console) {
        Optional<ApiKeys.Created> first;
        try (Connection c = dataSource.getConnection()) {
            first = keys.createFirstAdmin(c);
        } catch (SQLException e) {
            LOG.warn("Could not check for a first API key ({}); the API answers 401 until a key exists", e.toString());
            return;
        }
        first.ifPresent(created -> {
            LOG.info("Created the first API key {} (admin scope); it is printed once on the console, not logged",
                    created.info().id());
            console.println();
            console.println("==================================================================================");
            console.println(" Bella created the first API key (admin scope). It is shown only this once:");
            console.println();
            console.println("     " + created.key());
            console.println();
            console.println(" Send it as the X-API-Key header. Keep it safe; create others with");
            console.println(" `java -jar bella.jar keys create --label NAME --scope read|write|admin`.");
            console.println("==================================================================================");
            console.println();
            console.flush();
        });
    }

    /** For routes that only read (GET). */
    public void requireRead(Exchange exchange) throws SQLException {
        authenticate(exchange, Scope.READ);
    }

    /** For routes that change data. */
    public void requireWrite(Exchange exchange) throws SQLException {
        authenticate(exchange, Scope.WRITE);
    }

    /** For routes that manage API keys. */
    public void requireAdmin(Exchange exchange) throws SQLException {
        authenticate(exchange, Scope.ADMIN);
    }

    /**
     * The first step of every API route, which declares the scope it needs (the path plays no part, so no spelling
     * of it changes what is needed). 429 for an address with too many failed authentications, 401 without a valid
     * X-API-Key, 403 when the key's scope is not enough, 429 when its rate budget is spent, 415 for a body that is
     * not JSON.
     */
    void authenticate(Exchange exchange, Scope needed) throws SQLException {
        String method = method(exchange);
        String path = path(exchange);
        exchange.setProperty("bella.api.method", method);
        exchange.setProperty("bella.api.path", path);
        // the real request headers: Camel also maps query parameters to headers, and a key must never travel in a URL
        String apiKey = requestHeader(exchange, "X-API-Key");
        String address = clientAddress(exchange);
        Principal principal = apiKey == null ? consoleSession(exchange, method, address) : null;
        if (principal == null) {
            principal = identify(apiKey, address);
        }
        if (!principal.scope().allows(needed)) {
            throw new ApiProblem(403, "Forbidden", "This API key has scope '" + principal.scope().wire() + "'; this request "
                    + "needs '" + needed.wire() + "'", "X-API-Key");
        }
        rateLimiter.hit(principal);
        String contentType = requestHeader(exchange, Exchange.CONTENT_TYPE);
        if (contentType != null && !contentType.isBlank() && !"GET".equals(method) && !isJson(contentType)) {
            throw new ApiProblem(415, "Unsupported media type", "Send the body as application/json, not " + contentType,
                    "Content-Type");
        }
        exchange.setProperty(PRINCIPAL, principal);
        if (!"GET".equals(method)) {
            // read the body once, as text: it is parsed, then fingerprinted for idempotency
            exchange.getMessage().setBody(exchange.getMessage().getBody(String.class));
        }
        String idempotencyKey = requestHeader(exchange, ApiTransactions.IDEMPOTENCY_KEY);
        if (idempotencyKey != null) {
            exchange.setProperty(IDEMPOTENCY, idempotencyKey);
        }
    }

    public static String clientAddress(Exchange exchange) {
        if (exchange.getMessage() instanceof HttpMessage http && http.getRequest() != null
                && http.getRequest().remoteAddress() != null) {
            return http.getRequest().remoteAddress().hostAddress();
        }
        return "unknown";
    }

    static String requestHeader(Exchange exchange, String name) {
        if (exchange.getMessage() instanceof HttpMessage http && http.getRequest() != null) {
            return http.getRequest().getHeader(name);
        }
        return exchange.getMessage().getHeader(name, String.class);
    }

    // --- console session hook: a signed-in console's cookie stands in for X-API-Key (see app.bella.console) ---
    public void useConsoleSessions(SessionAuthenticator sessions) {
        this.sessions = sessions;
    }

    /**
     * The session cookie's principal; null without one. A cookie naming no live session counts as a failed
     * authentication of the address, and a limited address is refused before its session is used.
     */
    private Principal consoleSession(Exchange exchange, String method, String address) throws SQLException {
        SessionAuthenticator current = sessions;
        if (current == null) {
            return null;
        }
        Optional<Principal> found;
        try {
            found = current.authenticate(method, name -> requestHeader(exchange, name));
        } catch (ApiProblem refused) {
            if (refused.status() == 401) {
                refuseWhileLimited(address);
                failures.failed(address);
            }
            throw refused;
        }
        if (found.isPresent()) {
            refuseWhileLimited(address);
        }
        return found.orElse(null);
    }
    // --- end of console session hook ---

    /** The principal of an API key itself (the bootstrap key or a stored, unrevoked one). */
    public Optional<Principal> principalOfKey(String given) throws SQLException {
        if (given == null || given.isEmpty()) {
            return Optional.empty();
        }
        if (bootstrapHash != null && MessageDigest.isEqual(bootstrapHash, ApiKeys.sha256(given))) {
            return Optional.of(Principal.BOOTSTRAP);
        }
        if (given.length() > 200) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            return keys.find(c, given);
        }
    }

    /** A console sign-in: the key's principal, counted against the address's failed authentications like X-API-Key. */
    public Optional<Principal> signIn(String given, String address) throws SQLException {
        try {
            return Optional.of(identify(given, address));
        } catch (ApiProblem unauthorized) {
            if (unauthorized.status() == 429) {
                throw unauthorized;
            }
            return Optional.empty();
        }
    }

    /**
     * The principal of a presented key. Only a key that was presented and is wrong counts against the address: a
     * request without credentials (a page or probe that has not signed in) is a plain 401, never a guess.
     */
    private Principal identify(String given, String address) throws SQLException {
        if (given == null || given.isEmpty()) {
            throw new ApiProblem(401, "Unauthorized", "An X-API-Key header is required. " + HOW_TO_GET_A_KEY, "X-API-Key");
        }
        refuseWhileLimited(address);
        Optional<Principal> known = principalOfKey(given);
        if (known.isPresent()) {
            return known.get();
        }
        failures.failed(address);
        throw new ApiProblem(401, "Unauthorized", "The X-API-Key is not valid (unknown or revoked). " + HOW_TO_GET_A_KEY,
                "X-API-Key");
    }

    /** 429 without any lookup while this address has too many failed authentications. */
    private void refuseWhileLimited(String address) {
        long wait = failures.retryAfterSeconds(address);
        if (wait > 0) {
            throw new ApiProblem(429, "Too many failed authentications", "Too many requests from this address failed to "
                    + "authenticate; try again in " + wait + " s", "X-API-Key").withHeader("Retry-After", String.valueOf(wait));
        }
    }

    static boolean isJson(String contentType) {
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }

    static String method(Exchange exchange) {
        String known = exchange.getProperty("bella.api.method", String.class);
        if (known != null) {
            return known;
        }
        if (exchange.getMessage() instanceof HttpMessage http && http.getRequest() != null) {
            return http.getRequest().method().name();
        }
        String m = exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class);
        return m == null ? "GET" : m.toUpperCase(Locale.ROOT);
    }

    /** The request path without the query, e.g. /api/appointments/12/cancel. */
    static String path(Exchange exchange) {
        String known = exchange.getProperty("bella.api.path", String.class);
        if (known != null) {
            return known;
        }
        if (exchange.getMessage() instanceof HttpMessage http && http.getRequest() != null) {
            return http.getRequest().path();
        }
        String uri = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        if (uri == null) {
            uri = exchange.getMessage().getHeader(Exchange.HTTP_PATH, "", String.class);
        }
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    /**
     * The JSON field names of a request body's record in {@code app.bella.api.model}: what a handler accepts, so the
     * OpenAPI schema and the fields accepted are one list.
     */
    public static Set<String> fields(Class<? extends Record> body) {
        Set<String> names = new java.util.LinkedHashSet<>();
        for (java.lang.reflect.RecordComponent c : body.getRecordComponents()) {
            com.fasterxml.jackson.annotation.JsonProperty renamed = c.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            names.add(renamed == null || renamed.value().isEmpty() ? c.getName() : renamed.value());
        }
        return Set.copyOf(names);
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

    /** As {@link #object}, but an empty body is an empty object (actions such as cancel need no body). */
    public static ObjectNode optionalObject(Exchange exchange, Set<String> allowed) {
        String body = exchange.getMessage().getBody(String.class);
        return body == null || body.isBlank() ? JSON.createObjectNode() : object(exchange, allowed);
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
        problem.headers().forEach((k, v) -> exchange.getMessage().setHeader(k, v));
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/problem+json");
        exchange.getMessage().setBody(JSON.writeValueAsString(problem.body()));
    }

    /** Writes a JSON response body with a status code, dropping the request's headers. */
    public static void respond(Exchange exchange, int status, Object body) {
        try {
            respondRaw(exchange, status, body == null ? null : JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes an already rendered JSON body (null: no content). */
    static void respondRaw(Exchange exchange, int status, String json) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        if (json == null) {
            exchange.getMessage().setBody(null);
        } else {
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.getMessage().setBody(json);
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

    static Boolean bool(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw ApiProblem.invalid(field, "'" + field + "' must be true or false");
        }
        return v.asBoolean();
    }

    static String e164(String field, String phone) {
        if (phone != null && !phone.matches("^\\+[1-9]\\d{7,14}$")) {
            throw ApiProblem.invalid(field, "'" + field + "' must be an E.164 phone number such as +14165551234");
        }
        return phone;
    }

    /** ISO-8601 with an offset, moved into the practice's zone. */
    static ZonedDateTime instant(String field, String value, ZoneId zone) {
        try {
            return OffsetDateTime.parse(value).atZoneSameInstant(zone);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid(field, "'" + field + "' must be ISO-8601 with an offset, e.g. 2025-10-09T14:00:00-06:00");
        }
    }

    static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid(field, "'" + field + "' must be an ISO date such as 2025-10-09");
        }
    }

    /** A query parameter (Camel maps them to headers), stripped; null when absent or empty. */
    static String query(Exchange exchange, String name, int maxLength) {
        String v = exchange.getMessage().getHeader(name, String.class);
        if (v == null || v.isBlank()) {
            return null;
        }
        v = v.strip();
        if (v.length() > maxLength) {
            throw ApiProblem.invalid(name, "'" + name + "' is longer than " + maxLength + " characters");
        }
        return v;
    }

    static Integer queryInt(Exchange exchange, String name, int min, int max) {
        String v = query(exchange, name, 12);
        if (v == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ApiProblem.invalid(name, "'" + name + "' must be a whole number from " + min + " to " + max);
    }

    static Boolean queryBool(Exchange exchange, String name) {
        String v = query(exchange, name, 5);
        if (v == null) {
            return null;
        }
        if (!v.equals("true") && !v.equals("false")) {
            throw ApiProblem.invalid(name, "'" + name + "' must be true or false");
        }
        return Boolean.valueOf(v);
    }

    /** The numeric id in a path parameter; 404 when it is not a number (no such resource). */
    static long pathId(Exchange exchange, String what) {
        String v = exchange.getMessage().getHeader("id", String.class);
        try {
            long id = Long.parseLong(v);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ApiProblem.notFound("No " + what + " " + v);
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], kv[i + 1]);
        }
        return out;
    }
}
