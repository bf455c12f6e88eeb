package app.bella.api;

/**
 * Who is calling the API: a stored key ({@code key:<id>}) or the bootstrap key from BELLA_API_KEY. {@code id} scopes
 * idempotency keys and rate limits; it never contains the key itself.
 */
public record Principal(String id, Scope scope) {

    public static final Principal BOOTSTRAP = new Principal("bootstrap", Scope.ADMIN);

    public static Principal key(long id, Scope scope) {
        return new Principal("key:" + id, scope);
    }
}
