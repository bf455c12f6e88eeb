package app.bella.api;

import java.sql.SQLException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The API's second way in after X-API-Key: a browser session (the console's cookie sessions implement it). An
 * interface here, so the API does not depend on the console that depends on it.
 */
@FunctionalInterface
public interface SessionAuthenticator {

    /**
     * The principal of the session the request carries, or empty when it carries none; a dead session or a write
     * without its CSRF token throws an {@link ApiProblem}.
     *
     * @param requestHeader a request header's value by name (null when absent)
     */
    Optional<Principal> authenticate(String method, UnaryOperator<String> requestHeader) throws SQLException;
}
