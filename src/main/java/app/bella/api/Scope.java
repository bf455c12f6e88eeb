package app.bella.api;

import java.util.Locale;

/** What an API key may do: read (GET), write (also POST/PUT/PATCH/DELETE), admin (also manage keys). */
public enum Scope {
    READ, WRITE, ADMIN;

    public boolean allows(Scope needed) {
        return compareTo(needed) >= 0;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "read", "write" or "admin"; IllegalArgumentException otherwise. */
    public static Scope parse(String s) {
        for (Scope scope : values()) {
            if (scope.wire().equals(s)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("scope must be read, write or admin");
    }
}
