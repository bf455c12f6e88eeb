package app.bella.platform;

import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Function;

/**
 * The management server (/observe/*: health details, metrics, Jolokia) listens on its own port. On loopback it
 * needs no password; bound wider, basic authentication is mandatory and start-up refuses to go on without it. The
 * credentials go into a properties file (Vert.x's format, owner-only permissions) that Camel's management
 * authentication reads.
 */
public final class ManagementPlane {

    /** What camel-main must be told, as override properties. */
    public record Settings(boolean authenticate, Path usersFile) {
    }

    private ManagementPlane() {
    }

    public static Settings configure(Function<String, String> property, Path dataDir) throws IOException {
        String host = value(property, "bella.management.host");
        String port = value(property, "bella.management.port");
        String user = value(property, "bella.management.user");
        String password = property.apply("bella.management.password") == null ? "" : property.apply("bella.management.password");
        String publicPort = value(property, "camel.server.port");
        if (!port.isEmpty() && port.equals(publicPort)) {
            throw new IllegalStateException("BELLA_MANAGEMENT_PORT (" + port + ") must differ from BELLA_HTTP_PORT: "
                    + "the management plane (/observe/*) never shares the public port");
        }
        boolean credentials = !user.isEmpty() || !password.isEmpty();
        if (credentials && (!user.matches("[A-Za-z0-9._@-]+") || password.length() < 12)) {
            throw new IllegalStateException("Set both BELLA_MANAGEMENT_USER (letters, digits, . _ @ -) and "
                    + "BELLA_MANAGEMENT_PASSWORD (12 characters or more) to protect the management port, or neither (then "
                    + "it stays on loopback)");
        }
        if (!credentials) {
            if (!isLoopback(host)) {
                throw new IllegalStateException("BELLA_MANAGEMENT_HOST=" + host + " exposes /observe/* (metrics, health "
                        + "details, Jolokia) beyond this machine: set BELLA_MANAGEMENT_USER and BELLA_MANAGEMENT_PASSWORD, "
                        + "or bind it to 127.0.0.1");
            }
            return new Settings(false, null);
        }
        if (password.contains(",") || !password.equals(password.strip()) || password.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalStateException("BELLA_MANAGEMENT_PASSWORD must not contain ',', control characters or "
                    + "leading/trailing spaces (the users file cannot hold them)");
        }
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("management-users.properties").toAbsolutePath();
        writeOwnerOnly(file, "# written by Bella at start from BELLA_MANAGEMENT_USER / BELLA_MANAGEMENT_PASSWORD\n"
                + "user." + user + " = " + password + ",operator\n"
                + "role.operator = *\n");
        return new Settings(true, file);
    }

    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Created (or truncated) with rw------- before anything is written, so the password is never world-readable. */
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
            w.write(content);
        }
    }

    private static String value(Function<String, String> property, String name) {
        String v = property.apply(name);
        return v == null ? "" : v.strip();
    }
}
