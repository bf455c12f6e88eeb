package app.bella.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.bella.platform.EmbeddedPostgresServer;
import app.bella.testing.BellaServer;
import app.bella.testing.TempDirectories;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * "Disk nearly full" through the real parts: a small tmpfs is filled as the drill does (fallocate), the CRITICAL reaches
 * the Slack fake, the on-call SMS and the e-mail while the disk is full, and once the filler is gone the alert is in
 * GET /api/alerts, resolved, with its deliveries, and the recovery is sent. First with Bella's data directory on the
 * tmpfs, then with an external PostgreSQL whose data directory is on it (seen through PostgreSQL's disk_full error).
 * Mounting needs root: the test is skipped where {@code mount -t tmpfs} is not allowed.
 */
class DiskFullAlertTest {

    private static final String TITLE = "Disk nearly full";

    private final ChannelDoubles doubles = new ChannelDoubles();
    private Path mount;
    private EmbeddedPostgresServer postgres;
    private BellaServer bella;

    @AfterEach
    void stop() throws Exception {
        if (bella != null) {
            bella.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        doubles.close();
        if (mount != null && !run("umount", mount.toString())) {
            run("umount", "-l", mount.toString()); // still open somewhere: detached now, freed when closed
        }
    }

    @Test
    void dataDirectoryFullIsSentDirectlyAndRecordedWhenSpaceIsBack() throws Exception {
        mount = tmpfs(TempDirectories.deletedAtExit("bella-small-disk"), "48m");
        Map<String, String> p = new HashMap<>(doubles.properties());
        p.put("bella.data-dir", mount.toString());
        p.put("bella.alerts.disk.check-interval-ms", "1000"); // default thresholds: 5 % of 48 MB = 2 MB
        bella = BellaServer.start(p);
        Thread.sleep(2_500);
        assertThat(doubles.slack(TITLE)).as("no alert while there is room").isEmpty();

        Path filler = fill(mount, 65_536);
        long filled = System.nanoTime();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> !doubles.slack(TITLE).isEmpty());
        System.out.println("disk-full CRITICAL reached Slack " + Duration.ofNanos(System.nanoTime() - filled).toMillis()
                + " ms after the data directory was filled (1 s checks)");
        String slack = doubles.slack(TITLE).get(0).getBodyAsString();
        assertThat(slack).contains("CRITICAL").contains(mount.toString()).contains("MB free")
                .contains("the callback journal");
        await().atMost(Duration.ofSeconds(20)).until(() -> !doubles.sms(TITLE).isEmpty() && !doubles.emails(TITLE).isEmpty());
        assertThat(alert()).as("nothing recorded while the disk is full").isNull();

        Files.delete(filler);
        long freed = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> alert() != null);
        System.out.println("disk-full alert resolved in GET /api/alerts " + Duration.ofNanos(System.nanoTime() - freed).toMillis()
                + " ms after the filler was removed");
        JsonNode alert = alert();
        assertThat(alert.path("severity").asText()).isEqualTo("critical");
        assertThat(alert.path("detail").asText()).contains(mount.toString()).contains("MB free");
        assertThat(alert.path("resolution").asText()).startsWith("space available again");
        assertThat(StreamSupport.stream(alert.path("deliveries").spliterator(), false)
                .filter(d -> "raised".equals(d.path("kind").asText()))
                .map(d -> d.path("channel").asText() + ":" + d.path("status").asText()))
                .containsExactlyInAnyOrder("slack:sent", "email:sent", "sms:sent");
        await().atMost(Duration.ofSeconds(30)).until(() -> doubles.slack(TITLE).size() >= 2);
        assertThat(doubles.slack(TITLE)).as("the raise once, then the recovery").hasSize(2);
    }

    @Test
    void externalPostgresOutOfSpaceCountsAsTheSameAlert() throws Exception {
        // only PostgreSQL's data on the small disk: its binaries stay where the other tests' servers find them
        Path base = TempDirectories.deletedAtExit("bella-external-pg");
        mount = tmpfs(Files.createDirectories(base.resolve("postgres")), "192m");
        postgres = EmbeddedPostgresServer.start(base, 0, false);
        Map<String, String> p = new HashMap<>(doubles.properties());
        p.put("bella.db.url", postgres.jdbcUrl("postgres"));
        p.put("bella.db.user", "postgres");
        p.put("bella.alerts.disk.check-interval-ms", "1000");
        bella = BellaServer.start(p); // its data directory is a temporary one with room to spare
        Thread.sleep(2_500);
        assertThat(doubles.slack(TITLE)).isEmpty();

        Path filler = fill(mount, 0); // PostgreSQL cannot extend a file by a page any more
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> !doubles.slack(TITLE).isEmpty());
        assertThat(doubles.slack(TITLE).get(0).getBodyAsString()).contains("PostgreSQL reports its disk full")
                .contains("53100");

        Files.delete(filler);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> alert() != null);
        assertThat(alert().path("detail").asText()).contains("53100").contains("bookings and call state cannot be saved");
        assertThat(alert().path("resolution").asText()).isEqualTo("PostgreSQL can write again");
    }

    /** The resolved disk alert as GET /api/alerts lists it; null until there is one. */
    private JsonNode alert() throws Exception {
        var response = bella.get("/api/alerts?state=resolved", BellaServer.ADMIN_KEY);
        assertThat(response.statusCode()).isEqualTo(200);
        return StreamSupport.stream(ChannelDoubles.JSON.readTree(response.body()).spliterator(), false)
                .filter(a -> "disk".equals(a.path("source").asText()) && TITLE.equals(a.path("title").asText()))
                .findFirst().orElse(null);
    }

    private static Path tmpfs(Path dir, String size) throws Exception {
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString()),
                "mounting a tmpfs needs root");
        return dir;
    }

    /** As the drill: one file taking all the room but {@code leave} bytes. */
    private static Path fill(Path dir, long leave) throws Exception {
        Path filler = dir.resolve("filler");
        long room = Files.getFileStore(dir).getUsableSpace() - leave;
        if (!run("fallocate", "-l", String.valueOf(room), filler.toString())) {
            throw new IOException("fallocate failed in " + dir);
        }
        return filler;
    }

    private static boolean run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        boolean ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        if (!ok) {
            System.out.println(String.join(" ", command) + ": " + out);
        }
        return ok;
    }
}
