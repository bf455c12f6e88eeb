package app.bella.voice;

import java.sql.SQLTransientConnectionException;

/**
 * The call path cannot reach PostgreSQL: the circuit breaker {@code database-breaker} is open, or no connection came
 * within the call path's short wait although the pool was not busy. The webhook answers the callback message
 * (routes/platform-error-handling.camel.yaml) instead of waiting.
 */
public final class DatabaseUnavailableException extends SQLTransientConnectionException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, "08001", cause);
    }
}
