package app.bella.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/** SQL statements kept as files under {@code src/main/resources/sql/}, read once. */
public final class Sql {

    private static final ConcurrentHashMap<String, String> CACHE = new ConcurrentHashMap<>();

    private Sql() {
    }

    /** The statement in {@code sql/<name>.sql}. */
    public static String get(String name) {
        return CACHE.computeIfAbsent(name, Sql::load);
    }

    private static String load(String name) {
        try (InputStream in = Sql.class.getResourceAsStream("/sql/" + name + ".sql")) {
            if (in == null) {
                throw new IllegalArgumentException("No SQL file sql/" + name + ".sql");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
