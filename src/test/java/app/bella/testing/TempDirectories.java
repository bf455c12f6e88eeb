package app.bella.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary directories of the test servers: removed when their server stops, so suite runs do not fill the disk. */
public final class TempDirectories {

    private TempDirectories() {
    }

    /** A new temporary directory, deleted when the test JVM ends (for files a process outside it may still hold). */
    public static Path deletedAtExit(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), "delete-" + prefix));
        return dir;
    }

    /**
     * Deletes the directory and everything under it, as far as it can: housekeeping, so a file still held open (or a
     * directory already gone) never fails the test that stopped the server.
     */
    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // left for the system's temporary-file cleanup
        }
    }
}
